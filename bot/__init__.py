"""Networking Coach: a Telegram coach for networking and informational interviews."""
