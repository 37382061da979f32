"""How a tailored pitch says the organization's name: once a sentence, with the student's "the".

The tailored frames name the organization ("What draws me to Urban Institute is ..."), and the
student's own answer often names it again ("the Urban Institute's work on zoning reform"). A
careful speaker says the name once and then "its", and says it the way the student wrote it:
"the Urban Institute", not "Urban Institute".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_FUNCTION_WORDS = (
    "and or but in on at for to of with from is was has have had where which that who because"
)


def _name_regex(organization: str) -> str:
    """The name as typed, "&" and "and" read alike ("Page & Turnbull", "Page and Turnbull")."""
    words = organization.split()
    return r"\s+".join(r"(?:&|and)" if w.lower() in ("&", "and") else re.escape(w) for w in words)


def _bare(organization: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(organization.split()), flags=re.IGNORECASE)


def spoken_organization(organization: str, texts: Iterable[str]) -> str:
    """ "Urban Institute" -> "the Urban Institute" when the student writes "the Urban Institute"
    (as a name: "the Urban Institute's work", not "the Stripe team", where it is a modifier)."""
    name = " ".join(organization.split())
    if not name or name.lower().startswith("the "):
        return name
    with_the = re.compile(
        rf"\bthe\s+{_name_regex(name)}(?:['’]s\b|(?=\s*(?:[^\w\s&]|$))"
        rf"|(?=\s+(?:{'|'.join(_FUNCTION_WORDS.split())})\b))",
        re.IGNORECASE,
    )
    return f"the {name}" if any(with_the.search(t) for t in texts) else name


_ADVERBS = r"(?:especially|particularly|mainly|mostly|and)\s+"
_LEADS = rf"(?:,\s*(?:{_ADVERBS})?|\s+{_ADVERBS})"


def named_once(phrase: str, organization: str) -> str:
    """The student's phrase said after a frame that already names the organization.

    "the Urban Institute's work on zoning reform" -> "its work on zoning reform"; "how Page and
    Turnbull restores historic sites" -> "how it restores historic sites"; "Stripe, especially
    how they price risk" -> "how they price risk". A phrase that is only the name stays, and so
    does a longer name that starts with it ("Google Maps").
    """
    name = _bare(organization)
    if not name:
        return phrase
    said = _name_regex(name)
    if re.fullmatch(rf"(?:the\s+)?{said}", phrase.strip(), re.IGNORECASE):
        return phrase  # "What draws me to Stripe is it." says less than the name
    lead = re.match(rf"^(?:the\s+)?{said}{_LEADS}(?=\w)", phrase, re.IGNORECASE)
    if lead:
        return phrase[lead.end() :]
    edge = r"(?<![\w&'’-])"
    phrase = re.sub(rf"{edge}(?:the\s+)?{said}['’]s\b", "its", phrase, flags=re.IGNORECASE)
    alone = r"(?![\w&'’-])(?!\s+(?-i:[A-Z]))"  # "Google Maps" is another name
    return re.sub(rf"{edge}(?:the\s+)?{said}{alone}", "it", phrase, flags=re.IGNORECASE)
