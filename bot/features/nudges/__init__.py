"""nudges: the coach speaks first. Follow-ups, meeting reminders, thank-you and debrief prompts,
keep-in-touch and the weekly summary, delivered at the right moment in the student's own time.

``domain/`` holds the timing rules (pure), ``sync.py`` keeps the stored nudges in step with what the
student does (called inside other features' transactions), ``repository.py`` reads and changes
nudges, ``sweep.py`` finds and delivers what is due, ``handlers/`` serves /nudges and the buttons.
"""
