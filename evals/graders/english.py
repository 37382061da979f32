"""Just enough English grammar to tell a sentence from a fragment, with no parser.

A tagger would say what each word is, but none small enough for CI ships its model on PyPI
(spaCy's come from a hub and take seconds to load), and a verb lexicon alone does not help:
"research", "reform", "use" and "land" are verbs too, yet "psych research methods" and "land
use" are noun phrases. What decides is position. A sentence is complete when a finite verb
stands in its main clause: after a subject pronoun ("I interned"), as an auxiliary ("is",
"can"), as a past form, or as an imperative at its head ("Bring a copy"). A "how", "why" or
"whenever" clause spends one finite verb of its own, so "Housing affordability and how data can
guide outreach." has none left for the main clause, while "Hearing how you built it gave me
..." has one. A word that may be a noun or a verb ("works", "needs", "carries") is read by
its neighbours: a verb after a singular subject or before its object ("The student asks about",
"Telegram carries our messages"), a plural noun after a determiner or a preposition. The lists
are small and lean towards passing: a sentence the heuristic cannot read is taken as complete.
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
#: Verbs whose plain form is rarely a noun: finite after a plural subject ("Most students find").
_VERBS = (
    "accept achieve agree allow appear apply arise arrive ask become begin believe belong bring"
    " build carry choose come consider contain continue create decide deliver depend describe"
    " develop discover disappear drive earn enable encourage enjoy ensure exist expect explain"
    " fall find fit follow forget gain get give go grow happen hear hold include involve join keep"
    " know learn leave let like live lose make manage mean meet mention notice occur prefer"
    " prepare produce provide put read realize receive recognize reduce remain remember remove"
    " repeat replace require reveal say see seem sell send serve sit speak spend suggest suit"
    " take teach tell tend think travel try understand want win wish wonder write"
)
#: Verbs whose plain form is as often a noun ("land use", "research methods"): a verb only
#: beside what a verb takes ("all work for me", "people who need you", "plans for the summer"
#: reads as a verb too, so a doubt passes).
_NOUN_LIKE = (
    "answer call change draw end fill help hope lead look love matter move need offer open"
    " pay plan point reach record report return run set share show sound stand start stay"
    " study support talk test track turn use visit wait watch work"
)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "o", "x")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


PRESENT = frozenset([*_VERBS.split(), *(_third_person(v) for v in _VERBS.split()), "works"])
PRESENT_AMBIGUOUS = frozenset(_third_person(v) for v in _NOUN_LIKE.split()) - PRESENT
NOUN_LIKE = word_set(_NOUN_LIKE)
#: What follows a verb and seldom a plural noun: its object, a clause, a preposition it takes.
_OBJECT_START = word_set(
    "a an the my your our their his her its this these those it them you me us him any every"
    " each one some whether how what if all"
)
_AFTER_VERB = _OBJECT_START | word_set("for with as in on at to into about from best well out up")
#: The verbs a coaching line or list item starts with when it tells the student what to do.
IMPERATIVES = word_set(
    "add answer arrive ask avoid be begin bring call cancel check choose close confirm consider"
    " describe drop dress edit end erase explain find focus follow get give go have include"
    " join keep know learn leave let list listen look make mention meet move name note offer"
    " open paste pick plan practice practise prepare put reach read record rehearse remember"
    " remove repeat reply restate save say schedule search see send share show sign skip smile"
    " speak start state stay stop suggest take talk tap tell test thank think treat trim try"
    " turn type update use wait write don't never always please"
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
_INTERJECTIONS = word_set("hi hello hey so oh and then also now only just first finally")


def _tokens(sentence: str) -> list[str]:
    return [fold(w) for w in words(sentence)]


def _finite_at(tokens: Sequence[str], i: int) -> bool:
    token = tokens[i]
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if before == "to":
        return False  # an infinitive: "to see the workplace"
    if token in AUXILIARIES or _CONTRACTION.match(token):
        return True
    # "This deletes ...": a demonstrative opening the sentence is its subject, not a determiner
    after_noun = before not in DETERMINERS or (i == 1 and before in {"this", "that"})
    if token in IRREGULAR_PAST or token in PRESENT:
        return after_noun
    if token in NOUN_LIKE:  # "all work for me", "people who need you": a verb by its neighbours
        return after_noun and (after in _AFTER_VERB or before in {"who", "that", "which"})
    if token in PRESENT_AMBIGUOUS or _third_person_shape(token):
        plural = before.endswith("s") and not before.endswith(("ss", "is", "us"))
        if not after_noun or before in _PREPOSITIONS or plural:
            return False
        return (
            after in _OBJECT_START
            or (token in PRESENT_AMBIGUOUS and after in _AFTER_VERB)
            or _after_a_singular_subject(tokens, i)
        )
    return (
        token.endswith("ed")
        and len(token) > 4
        and token not in _NOT_PAST
        and before not in DETERMINERS
        and before not in AUXILIARIES  # "has helped": the auxiliary already counted
    )


def _after_a_singular_subject(tokens: Sequence[str], i: int) -> bool:
    """ "The student asks", "A short pause sounds", "Each category needs": a singular noun
    phrase just before, so the "-s" word is its verb, not a plural."""
    return any(
        t in {"a", "an", "the", "each", "every", "this", "that"} for t in tokens[max(0, i - 3) : i]
    )


_PREPOSITIONS = word_set("in on at for with to from by of about into over under after before")


def _third_person_shape(token: str) -> bool:
    """Looks like "carries", "deletes", "tracks": not "class", "focus", "this" or "Chen's"."""
    return len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "'s"))


def _subordinator_at(tokens: Sequence[str], i: int) -> bool:
    token = tokens[i]
    if token == "that" and i == 0:
        return False  # "That reads like a name": a demonstrative subject
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
    " to with from by about and or but as"
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
