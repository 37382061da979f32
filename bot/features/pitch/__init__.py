"""pitch."""
