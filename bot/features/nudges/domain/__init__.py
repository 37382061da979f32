"""Pure nudge rules: kinds and their delivery policies, preferences, timing, planning, summary."""
