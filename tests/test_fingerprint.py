"""Content fingerprints and near-duplicate links."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.model import Paragraph
from newsfacts.normalise import find_near_duplicates, mark_near_duplicates, normalise_document
from newsfacts.normalise.fingerprint import (
    _A,
    _B,
    _TOKEN,
    NUM_HASHES,
    SHINGLE_WORDS,
    NearDuplicateIndex,
    _shingle_hashes,
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


# Fingerprints are stored and compared across runs: a change of this value is a change
# of every stored fingerprint.
STORY_FINGERPRINT = (
    "03d3028705cc9c2c000c5b640620c4fc0684ffce0477c8a100603b3d0f10c1b5021f498e001a6205"
    "01445e9402da07490734c7d500da4e7305716f31029b33da0672cd23009ca25c070462bf08ca24f5"
    "00ff65f90051b1fc05d59eb709814c01016993dd03b546980e4f899f007fd4240043a2a80097b62c"
    "072ad80c01095bc502ff22570266a1eb035222220743c50f037f376e026c6ba4029297ad03b3cd25"
    "012f5f75071c89410333c7b10016926f021f0821014d93ef0298bf6f00d3f7a20ac0aa0b10732122"
    "106e6eb40610bc1a02017dbd04cfa42f11c63cdd05139afc0a9ad412049589ef06e09dc7043b0fb1"
    "04fffedf0058ef1705ac0c36005e432e"
)


def test_fingerprint_is_pinned() -> None:
    assert fp(STORY) == STORY_FINGERPRINT
    assert shingles("Ab cd") == {zlib.crc32(b"ab cd")} == {3474804141}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab Cd1_-.算力ĐẢ\n", max_size=60), st.integers(1, 4))
def test_a_shingle_hashes_its_tokens_joined_by_spaces(text: str, size: int) -> None:
    tokens = _TOKEN.findall(text.casefold())
    grams = [tokens[i : i + size] for i in range(len(tokens) - size + 1)] or [tokens]
    expected = {zlib.crc32(" ".join(gram).encode()) for gram in grams} if tokens else set()
    assert shingles(text, size) == expected


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


def test_index_finds_added_originals_and_links_leave_it_unchanged() -> None:
    story, edited, other = fp(STORY), fp(STORY + " Shares rose 2%."), fp(OTHER)
    index = NearDuplicateIndex({"a": story, "n": None})
    assert len(index) == 1 and "a" in index and "n" not in index
    assert index.find(edited) == "a"
    assert index.find(other) is None and index.find(None) is None
    # a batch links against the index and its own earlier originals, without adding them
    assert index.links({"b": edited, "c": other, "d": other}) == {"b": "a", "d": "c"}
    assert len(index) == 1 and index.find(other) is None
    index.add("c", other)
    index.add("c", story)  # an id already indexed keeps its fingerprint
    assert index.find(other) == "c" and len(index) == 2
    # the index and the mapping it was built from link the same way
    new = {"b": edited, "x": story, "y": other}
    assert find_near_duplicates(new, index) == find_near_duplicates(new, {"a": story, "c": other})


def test_index_grows_batch_by_batch_like_one_read_of_everything() -> None:
    words = STORY.split()
    texts = [" ".join(words[i:] + words[:i]) + f" Item {i}." for i in range(0, 60, 3)]
    texts += [f"{OTHER} Report number {i} about {i * 7} racks." for i in range(20)]
    fingerprints = {f"id{i:03d}": fp(t) for i, t in enumerate(texts)}
    ids = sorted(fingerprints)
    grown = NearDuplicateIndex()
    links: dict[str, str] = {}
    for start in range(0, len(ids), 7):  # batches of 7, each added once "loaded"
        batch = {i: fingerprints[i] for i in ids[start : start + 7]}
        found = grown.links(batch)
        links.update(found)
        grown.update({i: f for i, f in batch.items() if i not in found})
    assert links == find_near_duplicates(fingerprints, {})
    assert len(grown) == len(ids) - len(links)
    assert all(grown.find(fingerprints[i]) == i for i in ids if i not in links)


def reference_minhash(text: str) -> str | None:
    """The fingerprint computed the slow way, one Python integer at a time."""
    words = _TOKEN.findall(text.casefold())
    grams = (
        [words]
        if len(words) < SHINGLE_WORDS
        else [words[i : i + SHINGLE_WORDS] for i in range(len(words) - SHINGLE_WORDS + 1)]
    )
    hashes = {zlib.crc32(" ".join(gram).encode()) for gram in grams if gram}
    if not hashes:
        return None
    minima = [
        min(((int(a) * x + int(b)) % 2**64) >> 32 for x in hashes)
        for a, b in zip(_A.tolist(), _B.tolist(), strict=True)
    ]
    return b"".join(m.to_bytes(4, "big") for m in minima).hex()


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia will ship 10,000 H200 accelerators to the new Johor data centre next year.",
        "Viettel khánh thành trung tâm dữ liệu AI với tổng vốn 2,5 tỷ USD tại Hòa Lạc.",
        "阿里云宣布未来三年投资3800亿元建设云和AI硬件基础设施。",
        "two words",
        "—",
    ],
)
def test_the_vectorised_fingerprint_is_the_reference_one(text: str) -> None:
    assert minhash(shingles(text)) == reference_minhash(text)
    assert minhash(_shingle_hashes(text)) == reference_minhash(text)  # repeats kept
    paragraphs = [Paragraph(index=0, start=0, end=len(text))]
    assert content_fingerprint(text, paragraphs) == reference_minhash(text)


@given(st.text(alphabet=st.sampled_from("ab cD1 _ả算力\n"), max_size=60))
@settings(max_examples=200, deadline=None)
def test_the_vectorised_fingerprint_on_generated_text(text: str) -> None:
    assert minhash(shingles(text)) == reference_minhash(text)
    assert minhash(_shingle_hashes(text)) == reference_minhash(text)
