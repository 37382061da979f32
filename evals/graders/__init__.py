"""Graders: each reads one produced text and says pass or fail (or "not applicable") with a note.

They are grouped as the issue names them: the handout's rules (``handout``), the pitch rules
(``pitch``), preparation (``prep``) and text quality (``quality``). A grader never calls the
coach; it judges what the student would read, against the case data.
"""

from __future__ import annotations

from evals.graders.base import Grader, Output, Verdict
from evals.graders.handout import HANDOUT
from evals.graders.pitch import PITCH
from evals.graders.prep import PREP
from evals.graders.quality import QUALITY

ALL: dict[str, Grader] = {**HANDOUT, **PITCH, **PREP, **QUALITY}
GROUPS: dict[str, tuple[str, ...]] = {
    "handout": tuple(HANDOUT),
    "pitch": tuple(PITCH),
    "prep": tuple(PREP),
    "quality": tuple(QUALITY),
}

__all__ = ["ALL", "GROUPS", "Grader", "Output", "Verdict"]
