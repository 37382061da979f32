"""The coach: turns domain rules and templates into what the student is shown."""
