"""interviews."""
