"""The words around a person's name, in one place: titles, relations, suffixes and particles.

Matching two spellings of one person (names.py) and giving a lower-case name its capitals
(capitals.py) read the same words; kept twice, the lists had drifted ("Alan Brooks md" came out
"Alan Brooks Md"). Words are folded: lower case, no dot.
"""

from __future__ import annotations

#: Before a name. A title followed by one word names the family ("Dr Brooks", "Ms. Patel").
_TITLES_TEXT = "dr doctor prof professor mr mrs ms miss mx sir dame rev fr coach dean"
TITLES = frozenset(_TITLES_TEXT.split())
#: Family words put before a first name ("Aunt Rosa"): how the student calls them, never part of
#: the name itself, and followed by the given name.
_RELATIONS_TEXT = (
    "aunt auntie aunty tia uncle tio cousin grandma grandpa granny grandmother grandfather "
    "nana nani nona papa mama"
)
RELATIONS = frozenset(_RELATIONS_TEXT.split())
#: After a name: generational marks and degrees ("Alan Brooks Jr.", "Alan Brooks, PhD"), with
#: how each is written.
SUFFIXES = {
    "jr": "Jr",
    "sr": "Sr",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
    "phd": "PhD",
    "md": "MD",
    "mba": "MBA",
    "esq": "Esq",
    "dds": "DDS",
    "rn": "RN",
}
#: Words that start a family name of several words and stay lower case inside it ("Maria de la
#: Cruz", "Ludwig van Beethoven").
_PARTICLES_TEXT = "de del della der di da das do dos du la le van von den ten ter bin al el"
PARTICLES = frozenset(_PARTICLES_TEXT.split())
