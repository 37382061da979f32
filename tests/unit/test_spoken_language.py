"""A pitch in another language is recognised; English (names and all) never goes to the model."""

from __future__ import annotations

import pytest

from bot.features.pitch.domain import spoken_language
from bot.features.pitch.domain.spoken_language import detect_language, language_name

SPANISH = (
    "Hola, soy Lucía Fernández, estudiante de tercer año de ingeniería industrial en la "
    "Universidad de Guadalajara. Me interesa la logística y las cadenas de suministro."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SPANISH, "es"),
        ("Bonjour, je m'appelle Élodie Martin et je suis en deuxième année de master.", "fr"),
        ("Olá, eu sou o João Silva, estudante de ciência da computação na USP.", "pt"),
    ],
)
def test_other_languages_are_named(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_english_with_foreign_names_is_english_without_loading_the_model(monkeypatch) -> None:
    def boom() -> None:
        raise AssertionError("the model must not load for English")

    monkeypatch.setattr(spoken_language, "_identifier", boom)
    assert detect_language("I'm Zoë Łukasiewicz, a senior in architecture at Cal Poly.") == "en"
    assert detect_language("Looking for a marketing internship this summer.") == "en"
    assert detect_language("Hola!") == "en"  # too short to tell


def test_language_names() -> None:
    assert language_name("es") == "Spanish" and language_name("en") == "English"
