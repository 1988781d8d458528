"""Language of each paragraph and of the article; signs of machine translation.

Paragraph language comes from lingua restricted to ``Settings.languages``
(ISO 639-1 codes). The detector is built once per language set and cached; a
paragraph that is mostly Han characters is Chinese without asking lingua, and
only the first ``MAX_DETECT_CHARS`` characters of a long paragraph are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from newsfacts.model import Paragraph
from newsfacts.normalise.metadata import source_credit_in
from newsfacts.normalise.roles import word_count

# lingua's cost grows with the text (~0.65 µs a character); 200 gave the same paragraph
# languages as 400 on every sample, test document and 300 benchmark articles
MAX_DETECT_CHARS = 200
MIN_LETTERS = 3
# A paragraph whose letters are at least this share Han characters is Chinese.
HAN_SHARE_FOR_ZH = 0.5
# A Han character weighs as much as this many Latin letters in article shares
# (a Chinese text is roughly a third as long as its English translation).
HAN_WEIGHT = 3
# Each of two languages holding at least this share of the body makes it mixed.
MIXED_SHARE = 0.2
# A caption counts as source-language evidence from this many words on.
EVIDENCE_MIN_WORDS = 6
TEXT_ROLES = frozenset({"body", "heading"})

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(_HAN.pattern + "+")
# Languages whose ordinary text cannot be written in ASCII letters alone (Vietnamese
# tone marks, non-Latin scripts). When every configured language but English is one
# of them, a paragraph of ASCII letters is English without asking lingua.
NON_ASCII_LANGUAGES = frozenset(
    {"vi", "zh", "ja", "ko", "ru", "uk", "bg", "el", "ar", "fa", "he", "hi", "bn", "th"}
)
# Everything but a letter ([^\W\d_]); deleting its runs leaves just the letters.
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
TRANSLATION_NOTE = re.compile(
    r"machine[- ]translat\w*|auto(?:matic(?:ally)?)?[- ]translat\w*|translated (?:by|from|with)"
    r"|google translate|bản dịch|dịch (?:bởi|từ|tự động)|机器翻译|译自|编译自|自动翻译",
    re.IGNORECASE,
)
# Every alternative of TRANSLATION_NOTE holds one of these words (in any case): the
# note is searched for, a slow case-blind scan, only in a text whose casefolded form
# has one of them. Every character IGNORECASE lets match a letter of these words
# casefolds to that letter (checked over all of Unicode; "ſ" is an "s" to both).
TRANSLATION_NOTE_WORDS = ("translat", "dịch", "译")


def _language(code: str) -> Language:
    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
    except AttributeError:
        raise ValueError(f"unknown ISO 639-1 language code {code!r}") from None


@lru_cache(maxsize=8)
def language_detector(languages: tuple[str, ...]) -> LanguageDetector:
    """A lingua detector for ``languages`` (at least two ISO 639-1 codes), built once."""
    if len(set(languages)) < 2:
        raise ValueError("language detection needs at least two languages")
    return LanguageDetectorBuilder.from_languages(*map(_language, languages)).build()


def detect_language(text: str, languages: tuple[str, ...]) -> tuple[str | None, float]:
    """The language of ``text`` among ``languages`` and the confidence in it (0..1).

    The confidence is lingua's, or the share of Han characters among the
    letters when that share alone makes the text Chinese, or 1.0 for ASCII text
    when English is the only configured language written in ASCII. ``(None, 0.0)`` for
    text with fewer than ``MIN_LETTERS`` letters or in none of ``languages``.
    """
    sample = text[:MAX_DETECT_CHARS]
    return _detected(sample, letter_count(sample), han_count(sample), languages)


@lru_cache(maxsize=8)
def _shortcuts(languages: tuple[str, ...]) -> tuple[bool, bool, bool]:
    """For ``languages``: whether Chinese is one, whether there is only one, and whether
    ASCII text is English without asking lingua (see ``NON_ASCII_LANGUAGES``)."""
    return (
        "zh" in languages,
        len(set(languages)) == 1,
        "en" in languages and set(languages) - {"en"} <= NON_ASCII_LANGUAGES,
    )


def _detected(
    sample: str, letters: int, han: int, languages: tuple[str, ...]
) -> tuple[str | None, float]:
    """``detect_language`` of a ``sample`` of at most ``MAX_DETECT_CHARS`` characters with
    ``letters`` letters and ``han`` Han characters."""
    if letters < MIN_LETTERS or not languages:
        return None, 0.0
    has_zh, single, ascii_is_english = _shortcuts(tuple(languages))
    if has_zh:
        han_share = han / letters
        if han_share >= HAN_SHARE_FOR_ZH:
            return "zh", round(han_share, 4)
    if single:
        return languages[0], 1.0
    if ascii_is_english and sample.isascii():
        return "en", 1.0
    values = language_detector(tuple(languages)).compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return None, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), round(top.value, 4)


def letter_count(text: str) -> int:
    """Letters of ``text``: its word characters but digits and the underscore."""
    if text.isascii():  # the common case, some twenty times faster as bytes
        return len(text.encode().translate(None, _ASCII_NOT_LETTERS))
    return len(_NOT_LETTERS.sub("", text))


def han_count(text: str) -> int:
    """Han characters of ``text``."""
    return 0 if text.isascii() else sum(map(len, _HAN_RUN.findall(text)))  # runs: fewer


def text_weight(text: str) -> int:
    """Letters of ``text``, a Han character weighing ``HAN_WEIGHT``."""
    return letter_count(text) + (HAN_WEIGHT - 1) * han_count(text)


def language_shares(
    text: str, paragraphs: Sequence[Paragraph], weights: Sequence[int] | None = None
) -> dict[str, float]:
    """Share of the article's running text in each language, largest first.

    Body and heading paragraphs count; if there are none with a language,
    every paragraph that is not boilerplate does. ``weights``: each paragraph's
    ``text_weight`` when the caller has them (``languages_and_weights``).
    """
    counted = [i for i, p in enumerate(paragraphs) if p.role in TEXT_ROLES and p.lang]
    if not counted:
        counted = [i for i, p in enumerate(paragraphs) if p.role != "boilerplate" and p.lang]
    weights_by_lang: Counter[str] = Counter()
    for i in counted:
        p = paragraphs[i]
        weight = weights[i] if weights is not None else text_weight(text[p.start : p.end])
        weights_by_lang[p.lang or ""] += weight
    total = sum(weights_by_lang.values())
    if not total:
        return {}
    return {
        lang: round(w / total, 4)
        for lang, w in sorted(weights_by_lang.items(), key=lambda x: -x[1])
    }


def article_language(shares: dict[str, float]) -> tuple[str | None, bool]:
    """The article's language and whether it is mixed (``MIXED_SHARE`` rule)."""
    if not shares:
        return None, False
    ranked = list(shares.values())
    return next(iter(shares)), len(ranked) > 1 and ranked[1] >= MIXED_SHARE


def translation_evidence(
    text: str, paragraphs: Sequence[Paragraph], lang: str | None, languages: tuple[str, ...]
) -> tuple[str, ...]:
    """Why the article looks machine translated; empty when nothing says so.

    - captions in another language than the article (source-language captions
      left behind by the translation);
    - a ``Source :`` credit naming a site in another language;
    - an explicit note ("machine translated", "translated from", "bản dịch", "译自").
    """
    evidence: list[str] = []
    foreign_captions: Counter[str] = Counter()
    for p in paragraphs:
        chunk = text[p.start : p.end]
        if (
            p.role == "caption"
            and lang is not None
            and p.lang not in (None, lang)
            and word_count(chunk) >= EVIDENCE_MIN_WORDS
        ):
            foreign_captions[p.lang or ""] += 1
    for caption_lang, count in sorted(foreign_captions.items()):
        plural = "caption" if count == 1 else "captions"
        evidence.append(f"{count} {plural} in {caption_lang} in an article in {lang}")
    for p in paragraphs:
        if p.role not in ("boilerplate", "byline"):
            continue
        credit = source_credit_in(text[p.start : p.end])
        if credit is None:
            continue
        credit_lang, _ = detect_language(credit, languages)
        if lang is not None and credit_lang not in (None, lang):
            evidence.append(f"Source : credit to a {credit_lang}-language site ({credit})")
    folded = text.casefold()
    if any(word in folded for word in TRANSLATION_NOTE_WORDS):
        for match in TRANSLATION_NOTE.finditer(text):
            evidence.append(f"note: {match.group(0)!r}")
    return tuple(dict.fromkeys(evidence))


def with_languages(
    text: str, paragraphs: Sequence[Paragraph], languages: tuple[str, ...]
) -> list[Paragraph]:
    """``paragraphs`` with ``lang`` and ``lang_confidence`` set."""
    return languages_and_weights(text, paragraphs, languages)[0]


def languages_and_weights(
    text: str, paragraphs: Sequence[Paragraph], languages: tuple[str, ...]
) -> tuple[list[Paragraph], list[int]]:
    """``with_languages`` and each paragraph's ``text_weight``, its letters counted once
    for both (a paragraph of at most ``MAX_DETECT_CHARS`` characters is its own sample)."""
    detected = []
    weights = []
    for p in paragraphs:
        chunk = text[p.start : p.end]
        sample = chunk[:MAX_DETECT_CHARS]
        letters, han = letter_count(sample), han_count(sample)
        lang, confidence = _detected(sample, letters, han, languages)
        if len(chunk) > MAX_DETECT_CHARS:
            letters, han = letter_count(chunk), han_count(chunk)
        weights.append(letters + (HAN_WEIGHT - 1) * han)
        detected.append(  # built directly: dataclasses.replace costs five times as much
            Paragraph(
                index=p.index,
                start=p.start,
                end=p.end,
                role=p.role,
                lang=lang,
                section=p.section,
                role_reason=p.role_reason,
                lang_confidence=confidence if lang else None,
            )
        )
    return detected, weights
