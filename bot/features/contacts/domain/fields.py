"""Field values the student types: checked and normalized, with reasons written for them.

Email, phone and web addresses are validated offline (no DNS or network), and ``fold`` gives the
accent- and punctuation-free form every comparison and search uses.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.features.contacts.domain.capitals import display_name, display_organization

_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=32_768)
def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text so "José O'Neil" matches "jose o neil".

    Cached and ASCII-fast-pathed because search folds every field of every contact per query.
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


class InvalidField(ValueError):
    """A value the student typed can't be used; ``reason`` is written for them to read."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


_MAX_NAME = 100
# Longest organisation, role, field and notes kept from a file: a spreadsheet cell can hold 32k
# characters, and a student's contacts must stay small enough to load and save in milliseconds.
MAX_TEXT = {"organization": 200, "role": 200, "field": 200, "notes": 2_000}
# A cell starting with one of these is run as a formula by Excel and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """``text`` without control characters (NUL, escape, ...); newlines and tabs stay."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def normalize_name(text: str) -> str:
    """Trim and collapse spaces; refuse empty, over-long, or obviously-not-a-name values."""
    name = " ".join(clean_text(text).split())
    if name.startswith(FORMULA_START):
        raise InvalidField("name", "A name can't start with =, +, - or @.")
    if not name:
        raise InvalidField("name", "Please give a name — even a first name is enough.")
    if len(name) > _MAX_NAME:
        raise InvalidField("name", f"That name is over {_MAX_NAME} characters; please shorten it.")
    if not any(ch.isalpha() for ch in name):
        raise InvalidField("name", "A name needs at least one letter.")
    if "@" in name or _URL_RE.fullmatch(name):
        raise InvalidField("name", "That looks like an email or a web address, not a name.")
    # "priya shah" is kept as "Priya Shah" ("danah Boyd" as typed); text with markup in it is
    # kept as typed, and drafts capitalise what is left once the markup is taken out
    return name if "<" in name or ">" in name else display_name(name)


def normalize_email(text: str) -> str:
    """Check syntax (no network lookups) and return the normalized address."""
    value = text.strip().removeprefix("mailto:")
    if not value:
        raise InvalidField("email", "The email address is empty.")
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidField("email", _email_reason(value, str(exc))) from None


_EMAIL_EXAMPLE = "like maria@acme.com"


def _email_reason(value: str, technical: str) -> str:
    """Plain words for the mistakes students actually make; email-validator's own text (exact,
    but written for developers: "invalid characters before the @-sign: ',', SPACE") otherwise."""
    if "@" not in value:
        return f"An email address needs an @, {_EMAIL_EXAMPLE}."
    if value.count("@") > 1:
        return f"An email address has just one @, {_EMAIL_EXAMPLE}."
    local, _, domain = value.partition("@")
    if any(ch.isspace() or ch == "," for ch in value):
        return "An email address can't contain spaces or commas — check for a typo."
    if not local:
        return f"Something is missing before the @, {_EMAIL_EXAMPLE}."
    if not domain:
        return f"Something is missing after the @, {_EMAIL_EXAMPLE}."
    if "." not in domain:
        return "The part after the @ needs a dot, like acme.com."
    return technical


NEEDS_COUNTRY_CODE = (
    "I can't tell which country that number is in: your profile doesn't say where you are yet. "
    "Write it starting with + and the country code, e.g. +1 408 555 0100 — or add your city "
    "in /profile, and local numbers will work."
)


def normalize_phone(text: str, default_region: str | None = None) -> str:
    """Return the number in E.164 (+14085550100), the one form that compares and dials reliably.

    Without a ``default_region`` (two-letter country code such as "US") a local number is ambiguous,
    so the student is asked for the +country code instead of us guessing.
    """
    value = text.strip().removeprefix("tel:")
    if not value:
        raise InvalidField("phone", "The phone number is empty.")
    if sum(ch.isdigit() for ch in value) < 3:
        raise InvalidField("phone", "That doesn't look like a phone number — it needs digits.")
    if not value.startswith("+") and value.startswith("00"):
        value = "+" + value[2:]
    if not value.startswith("+") and default_region is None:
        raise InvalidField("phone", NEEDS_COUNTRY_CODE)
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        raise InvalidField("phone", "That doesn't look like a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidField(
            "phone", "That number isn't valid for its country — check the digits and country code."
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(value: str) -> str:
    """A stored E.164 number as people read it ("+1 408-555-0100"); E.164 stays the stored form
    because it compares and dials reliably. Anything else (a flawed value kept as typed) is shown
    unchanged, so the student sees exactly what they wrote."""
    if not value.startswith("+"):
        return value
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def display_value(field: str, value: str) -> str:
    """A stored field value as the student should read it (only phones look different)."""
    return display_phone(value) if field == "phone" else value


_TLD_RE = re.compile(r"[a-z]{2,}|xn--[a-z0-9-]+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)


def normalize_url(text: str) -> str:
    """Accept what people paste ("linkedin.com/in/maria") and store a full https URL."""
    value = text.strip().rstrip(".,;)")
    if not value:
        raise InvalidField("url", "The web address is empty.")
    if any(ch.isspace() for ch in value):
        raise InvalidField("url", "A web address can't contain spaces.")
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidField("url", "Only http and https links are accepted.")
    host = (parts.hostname or "").lower()
    if "@" in parts.netloc:
        raise InvalidField("url", "That looks like an email address; put it in the email field.")
    labels = host.split(".")
    if len(labels) < 2 or not all(labels) or not _TLD_RE.fullmatch(labels[-1]):
        raise InvalidField("url", "That web address has no valid domain (like linkedin.com).")
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


# What each field is called on buttons and cards; one place so the two never disagree.
FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "circle": "Circle",
    "organization": "Organization",
    "role": "Role",
    "field": "Field",
    "email": "Email",
    "phone": "Phone",
    "url": "Link",
    "notes": "Notes",
}


def normalize_field(field: str, text: str, default_region: str | None = None) -> str:
    """Check one typed value for ``field``; InvalidField (with a reason to show) when unusable.

    Free-text fields are only trimmed and capped, because the student's own words are kept.
    """
    match field:
        case "name":
            return normalize_name(text)
        case "email":
            return normalize_email(text)
        case "phone":
            return normalize_phone(text, default_region)
        case "url":
            return normalize_url(text)
    value = " ".join(text.split()) if field != "notes" else text.strip()
    if not value:
        raise InvalidField(field, "That's empty — type something, or tap Skip.")
    limit = 2000 if field == "notes" else 120
    if len(value) > limit:
        raise InvalidField(field, f"That's over {limit} characters; please shorten it.")
    return display_organization(value) if field == "organization" else value


def phone_from_telegram(number: str, default_region: str | None = None) -> str:
    """A number from a shared Telegram contact, which usually comes without its "+".

    Telegram sends international digits ("14085550100"), so that reading is tried first; a
    local number saved in the address book falls back to the student's region.
    """
    digits = number.strip()
    if digits and not digits.startswith("+") and not digits.startswith("0"):
        try:
            return normalize_phone("+" + digits)
        except InvalidField:
            pass
    return normalize_phone(digits, default_region)
