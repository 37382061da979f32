"""Sample pitches written for the pitch tests: one per kind of problem the review must catch."""

from __future__ import annotations

#: Covers all seven elements, concrete, ends with a question; about 55-60 s at 150 wpm.
GOOD_60 = (
    "Hi, I'm Maya Chen, a third-year environmental science major with a minor in statistics. "
    "I'm really interested in how cities use data to plan for climate risks. "
    "Last summer I interned at the Green Valley Water District, where I mapped 120 storm drains "
    "and built a dashboard the crew still uses. "
    "I also lead a team of eight volunteers in our campus Eco-Reps program, and we cut dorm waste "
    "by 15 percent. "
    "My mix of field work and data skills fits a team like yours that turns sensor data into "
    "planning decisions. "
    "I've been following your flood-resilience work in Riverside, and the way you share maps with "
    "residents is exactly what I want to do. "
    "Right now I'm looking for a summer internship in sustainability analytics. "
    "I'd love to hear how you got into climate planning."
)

#: Rambling: far beyond 60 s, with a 40-plus-word sentence.
TOO_LONG = (
    "Hi, my name is Sam Okafor and I'm a senior studying computer science with a minor in "
    "economics at State University, and I have been working on a lot of different things over "
    "the last few years including web development and data analysis and some machine learning "
    "projects that I did for classes and also on my own time. "
    + "Last year I worked as a teaching assistant for the intro programming course, where I held "
    "office hours twice a week and helped more than sixty students debug their first programs. "
    * 3
    + "I'm interested in fintech and I'm looking for a full-time software engineering role "
    "after graduation, ideally somewhere I can keep learning about payments infrastructure. "
    "I'd love to hear how you got started."
)

#: Short and thin: only a name and a year.
MISSING = "Hi, I'm Jordan. I'm a sophomore. Nice to meet you."

#: Full of fillers and hedges.
FILLERS = (
    "Um, hi, so basically I'm like, a student, you know? "
    "I think I'm kind of interested in, um, marketing or maybe business stuff. "
    "I guess I'm just looking for, like, an internship or something. "
    "Honestly I'm a hard worker and actually a fast learner."
)

#: Adjectives instead of proof, except where an example follows.
VAGUE = (
    "I'm Priya, a marketing major. "
    "I'm a hard worker, a team player, and very passionate about brands. "
    "I'm detail-oriented. "
    "I organized a campus fundraiser that raised $4,000 for the food bank, so I'm a people person. "
    "I'm looking for a brand strategy internship."
)
