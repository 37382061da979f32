"""Just enough English grammar to tell a sentence from a fragment, with no parser.

A tagger would say what each word is, but none small enough for CI ships its model on PyPI
(spaCy's come from a hub and take seconds to load), and a verb lexicon alone does not help:
"research", "reform", "use" and "land" are verbs too, yet "psych research methods" and "land
use" are noun phrases. What decides is position. A sentence is complete when a finite verb
stands in its main clause: after a subject pronoun ("I interned"), as an auxiliary ("is",
"can"), as a past form, or as an imperative at its head ("Bring a copy"). A "how", "why" or
"whenever" clause spends one finite verb of its own, so "Housing affordability and how data can
guide outreach." has none left for the main clause, while "Hearing how you built it gave me
..." has one. The lists below are kept to words that are rarely nouns, so a doubt passes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evals.graders.base import fold, word_set, words

SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she", "it", "there", "everyone"})
_CONTRACTION = re.compile(
    r"^(?:i|you|we|they|he|she|it|there|that|what|who|here|one|everyone|let)'(?:m|re|s|d|ve|ll)$"
)
AUXILIARIES = word_set(
    "am is are was were has have had do does did can could will would shall should may"
    " might must isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't"
    " can't couldn't won't wouldn't shouldn't"
)
IRREGULAR_PAST = word_set(
    "began became brought built bought came caught chose did drew drove fed felt fought"
    " found forgot gave got grew heard held hid kept knew laid led left lent lost made meant"
    " met paid ran rang rode rose said sat saw sent shook shot showed sold spoke spent split"
    " stood stole stuck struck swam taught took thought threw told understood wore won wrote"
    " went"
)
_BASE = (
    "become believe bring build choose come depend draw drive enjoy explain feel fill find fit"
    " get give go grow happen hear help hope keep know lead let like live love make matter mean"
    " need offer prefer run say see seem show sound spend stand start stay suit take teach tell"
    " tend think turn understand want wish work wonder write"
)
#: Present-tense verbs, as "-s" forms (a plural noun rarely looks like these) and base forms for
#: a plural subject ("Most students find ...").
PRESENT = frozenset(
    [w + ("es" if w.endswith(("s", "sh", "ch", "o")) else "s") for w in _BASE.split()]
    + [w for w in _BASE.split() if w not in {"work", "run", "start", "fill", "show", "help"}]
)
#: The verbs a coaching line or list item starts with when it tells the student what to do.
IMPERATIVES = word_set(
    "add arrive ask avoid be begin bring call check choose close confirm dress end explain"
    " find focus follow get give go have join keep know learn let list listen look make"
    " mention meet move note offer open pick plan practice practise prepare put reach read"
    " rehearse remember repeat reply say schedule send share show skip speak start state"
    " stay take talk tap tell test thank treat try turn update use wait write don't never"
    " always please"
)
SUBORDINATORS = word_set(
    "how why what where when which who whom whose whenever wherever whether if because"
    " since while although though unless until whatever"
)
DETERMINERS = word_set(
    "a an the my your our their his her its this that these those each every another some"
    " any no one two three four five six seven eight nine ten several many few"
)
_NOT_PAST = word_set(
    "need seed speed feed indeed hundred bed red shed weed based interested detailed"
    " advanced talented skilled dedicated"
)
_INTERJECTIONS = frozenset({"hi", "hello", "hey", "so", "oh", "and", "then", "also", "now"})


def _tokens(sentence: str) -> list[str]:
    return [fold(w) for w in words(sentence)]


def _finite_at(tokens: Sequence[str], i: int) -> bool:
    token = tokens[i]
    before = tokens[i - 1] if i else ""
    if before == "to":
        return False  # an infinitive: "to see the workplace"
    if token in AUXILIARIES or _CONTRACTION.match(token):
        return True
    if token in IRREGULAR_PAST or token in PRESENT:
        return before not in DETERMINERS
    return (
        token.endswith("ed")
        and len(token) > 4
        and token not in _NOT_PAST
        and before not in DETERMINERS
        and before not in AUXILIARIES  # "has helped": the auxiliary already counted
    )


def _subordinator_at(tokens: Sequence[str], i: int) -> bool:
    token = tokens[i]
    if token == "that":  # a relative "that" is followed by its verb or its subject
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        return after in SUBJECTS or after in DETERMINERS or _finite_at(tokens, i + 1)
    return token in SUBORDINATORS


def _imperative_head(sentence: str) -> bool:
    """It starts (perhaps after "Hi," or an opener and a comma) with a verb of instruction."""
    parts = [p for p in re.split(r"[,;—–]", sentence) if p.strip()]
    for part in parts[:2]:
        tokens = _tokens(part)
        while tokens and tokens[0] in _INTERJECTIONS:
            tokens = tokens[1:]
        if tokens and tokens[0] in IMPERATIVES:
            return True
    return False


_NOT_A_VERB_AFTER = word_set(
    "best more most too again back up down well so very then now here there in on at for of"
    " to with from by about about and or but as"
)


def _main_subject_at(tokens: Sequence[str], i: int) -> bool:
    """A subject pronoun opening a main clause: "I interned", "Last summer I ran", "..., we cut"."""
    token = tokens[i]
    if token not in SUBJECTS or i + 1 >= len(tokens):
        return False
    if i and _subordinator_at(tokens, i - 1):
        return False  # "how you got", "if you can": the clause's own subject
    after = tokens[i + 1]
    if token in {"you", "it"}:  # either may be an object: "whenever suits you best"
        return after not in _NOT_A_VERB_AFTER and after not in DETERMINERS
    return True


def has_main_verb(sentence: str) -> bool:
    """Whether a finite verb stands in the main clause (see the module's docstring).

    Read left to right, each subordinate clause takes the first finite verb after it ("how
    eviction data can guide"); a verb no clause is waiting for belongs to the main clause.
    """
    bare = re.sub(r"^[A-Z][\w-]*(?: [\w-]+)?:\s+", "", sentence)  # "Closing: ask ..."
    if _imperative_head(sentence) or _imperative_head(bare):
        return True
    tokens = _tokens(bare)
    waiting = 0  # subordinate clauses still without their verb
    spent = -1  # where the verb of a clause's pronoun subject stands ("what they do")
    for i, token in enumerate(tokens):
        after_clause_word = bool(i) and _subordinator_at(tokens, i - 1)
        if i == spent:
            continue
        if _subordinator_at(tokens, i):
            waiting += 1
        elif _main_subject_at(tokens, i) or (_CONTRACTION.match(token) and not after_clause_word):
            if not waiting:
                return True  # "I interned", "Last summer I ran", "..., we cut", "you've"
        elif _finite_at(tokens, i) and not (i and _finite_at(tokens, i - 1)):
            if not waiting:
                return True
            waiting -= 1  # "can guide", "has helped": one verb, the clause's own
        elif token in SUBJECTS and after_clause_word and i + 1 < len(tokens) and waiting:
            waiting -= 1  # "how you got", "what they do": the pronoun's verb is the clause's
            spent = i + 2 if tokens[i + 1].endswith("ly") and i + 2 < len(tokens) else i + 1
    return False
