"""settings: /settings, where a student sets their time zone, quiet hours, reminder timings,
weekly goal and summary day, speaking pace, and turns reminders on or off."""
