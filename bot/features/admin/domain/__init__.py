"""Pure rules of the admin feature (aggregate statistics)."""
