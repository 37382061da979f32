"""Helpers shared by tests (fixtures and builders), imported by tests instead of each other."""
