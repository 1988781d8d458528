"""Content fingerprints and near-duplicate links."""

from __future__ import annotations

import pytest

from newsfacts.model import Paragraph
from newsfacts.normalise import find_near_duplicates, mark_near_duplicates, normalise_document
from newsfacts.normalise.fingerprint import (
    NUM_HASHES,
    content_fingerprint,
    minhash,
    shingles,
    similarity,
)
from newsfacts.read import read_file
from newsfacts.settings import Settings
from tests.conftest import SAMPLES, SEEDS

STORY = (
    "The operator said the new cluster will deliver about 2 exaflops of AI compute when it is "
    "fully installed next year. Analysts expect demand for training capacity to keep growing as "
    "more companies build their own large models. The company did not say how many accelerators "
    "the site holds, but officials put the investment at several billion dollars."
)
OTHER = (
    "A chip designer in Shanghai raised new funding to expand its team of engineers, and plans "
    "a second product line for edge devices. Its founders previously worked at a large "
    "semiconductor company and say their first chip will ship to customers before the summer."
)


def fp(text: str) -> str:
    result = minhash(shingles(text))
    assert result is not None
    return result


def test_fingerprint_shape_and_determinism() -> None:
    a = fp(STORY)
    assert len(a) == NUM_HASHES * 8 and int(a, 16) >= 0
    assert a == fp(STORY)
    assert similarity(a, a) == 1.0


def test_similarity_tracks_overlap() -> None:
    edited = STORY.replace("several billion dollars", "about 3 billion dollars") + " Shares rose."
    assert similarity(fp(STORY), fp(edited)) >= 0.6
    assert similarity(fp(STORY), fp(OTHER)) <= 0.1
    assert similarity(fp(STORY), fp(STORY.upper())) == 1.0  # case-folded


def test_chinese_text_is_shingled_by_character() -> None:
    assert len(shingles("商汤科技宣布")) == 4
    assert minhash(shingles("")) is None


def test_fingerprint_uses_body_and_heading_paragraphs_only() -> None:
    text = f"Title A\n{STORY}\nShare this"
    body_start = len("Title A\n")
    paragraphs = [
        Paragraph(0, 0, 7, "title"),
        Paragraph(1, body_start, body_start + len(STORY), "body"),
        Paragraph(2, body_start + len(STORY) + 1, len(text), "boilerplate"),
    ]
    other_text = f"Another headline entirely\n{STORY}"
    start = len("Another headline entirely\n")
    other = [Paragraph(0, 0, start - 1, "title"), Paragraph(1, start, len(other_text), "body")]
    assert content_fingerprint(text, paragraphs) == content_fingerprint(other_text, other)


def test_find_near_duplicates_against_known_and_within_batch() -> None:
    story, edited, other = fp(STORY), fp(STORY + " Shares rose 2%."), fp(OTHER)
    assert find_near_duplicates({"b": edited, "c": other}, {"a": story}) == {"b": "a"}
    # within one batch the first id stays, the later one links to it
    assert find_near_duplicates({"x": story, "y": edited, "z": other}, {}) == {"y": "x"}
    # an id already known is not its own duplicate; None never matches
    assert find_near_duplicates({"a": story, "n": None}, {"a": story}) == {}
    # a stricter threshold keeps them apart
    assert find_near_duplicates({"b": edited}, {"a": story}, threshold=0.999) == {}


def test_links_name_an_original_not_another_duplicate() -> None:
    story = fp(STORY)
    links = find_near_duplicates({"k2": story, "k3": story}, {"k1": story})
    assert links == {"k2": "k1", "k3": "k1"}


def test_malformed_fingerprint_is_an_error() -> None:
    with pytest.raises(ValueError, match="fingerprint"):
        similarity("abc", fp(STORY))


def test_sample_near_duplicate_pair_is_linked_and_nothing_else() -> None:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(
        p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".html"}
    )
    articles = {p.name: normalise_document(read_file(p), Settings()) for p in paths}
    fingerprints = {name: a.fingerprint for name, a in articles.items()}
    wire = next(n for n in fingerprints if n.startswith("10_wire"))
    site = next(n for n in fingerprints if n.startswith("11_asiatech"))
    assert find_near_duplicates(fingerprints, {}) == {site: wire}
    # the same holds when the wire story is already in the warehouse
    new = {n: f for n, f in fingerprints.items() if n != wire}
    assert find_near_duplicates(new, {wire: fingerprints[wire]}) == {site: wire}

    # on articles the smaller article_id stays and the other links to it
    first, second = sorted([articles[wire], articles[site]], key=lambda a: a.article_id)
    marked = mark_near_duplicates([second, first], {})
    assert [a.duplicate_of for a in marked] == [first.article_id, None]
