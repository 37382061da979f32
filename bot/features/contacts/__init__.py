"""The student's network: contacts, circles, introductions, import and export.

Importing the feature connects its domain to the shipped circles (see ``content``).
"""

from bot.features.contacts import content as _content  # noqa: F401  (supplies the circles)
