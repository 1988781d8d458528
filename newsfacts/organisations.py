"""Organisations: who a fact belongs to, under one canonical English name.

The packaged reference table, ``newsfacts/data/organisations.csv``, has one row
per alias (grain: alias)::

    organisation,alias,lang,kind,country,parent
    Nvidia,Nvidia,en,chip_maker,US,
    Nvidia,英伟达,zh,chip_maker,US,
    Alibaba Cloud,阿里云,zh,cloud,CN,Alibaba

``organisation`` is the canonical English name; ``alias`` one spelling of it
(the canonical name itself too; legal names, Chinese simplified and traditional,
Vietnamese forms; never tickers or product names); ``lang`` the alias's script
(``en`` for Latin names used in every language); ``kind`` one of ``KINDS``;
``country`` the ISO 3166-1 alpha-2 code of the headquarters, empty for
supranational bodies; ``parent`` the canonical name of the organisation that
controls it when it is a unit or subsidiary (``Alibaba Cloud`` -> ``Alibaba``).

Users extend the table with files of the same columns, without code: a row may
add an alias to a packaged organisation (its kind, country and parent may be
left empty: they are inherited) or add a new organisation. An alias that
already names another organisation is an error naming both. Lines whose first
cell starts with ``#`` are comments. Rows of the same columns may also be given
as mappings (``extra_rows``: the rows analysts add to the warehouse by hand).
Each alias keeps its ``origin``: ``seed`` (the packaged file), ``config`` (a
user's file) or ``manual`` (an extra row).

Pure: the csv module only; no frames, no warehouse.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

PACKAGED_PATH: Path = Path(__file__).parent / "data" / "organisations.csv"

COLUMNS: tuple[str, ...] = ("organisation", "alias", "lang", "kind", "country", "parent")
# Where an alias comes from: the packaged file, a user's file, or a row given as a mapping.
ORIGINS: tuple[str, ...] = ("seed", "config", "manual")
LANGS: frozenset[str] = frozenset({"en", "zh", "vi"})
KINDS: frozenset[str] = frozenset(
    {
        "chip_maker",
        "cloud",
        "ai_company",
        "data_centre_operator",
        "telecom",
        "hardware",
        "internet",
        "investor",
        "government",
        "supercomputing_centre",
        "research",
        "other",
    }
)
COUNTRY_RE = re.compile(r"[A-Z]{2}")

# Stripped from a name's end, one at a time, when what remains is a known alias.
# Latin forms must follow a space or a comma; the keys they match are casefolded.
LEGAL_SUFFIXES: tuple[str, ...] = (
    "co., ltd.",
    "co.,ltd.",
    "co., ltd",
    "co. ltd.",
    "co ltd",
    "pte. ltd.",
    "pte ltd",
    "corporation",
    "incorporated",
    "limited",
    "corp.",
    "corp",
    "inc.",
    "inc",
    "ltd.",
    "ltd",
    "co.",
    "llc",
    "plc",
    "pjsc",
    "jsc",
    "n.v.",
    "s.a.",
    "gmbh",
    "ag",
    "se",
)
CJK_SUFFIXES: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "(集团)",
    "(集團)",
    "集团",
    "集團",
    "公司",
    "的",
)
# Vietnamese legal forms come first: "Công ty Cổ phần FPT", "Tập đoàn Samsung".
VI_PREFIXES: tuple[str, ...] = (
    "tổng công ty cổ phần ",
    "tổng công ty ",
    "công ty cổ phần ",
    "công ty tnhh ",
    "công ty ",
    "tập đoàn ",
    "hãng ",
)
TRAILING_PARENTHESIS_RE = re.compile(r"\s*\([^()]*\)$")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


class OrganisationError(ValueError):
    """Organisation files that cannot be used: every problem, each with file and line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation: its canonical name and what it is."""

    name: str
    kind: str
    country: str | None
    parent: str | None


@dataclass(frozen=True, slots=True)
class Alias:
    """One spelling of an organisation, and the file line (or extra row) that gave it."""

    alias: str
    organisation: str
    lang: str
    source: str
    origin: str = "seed"  # one of ORIGINS


@dataclass(frozen=True)
class OrganisationTable:
    """Organisations by canonical name, their aliases, and the version of the files read."""

    organisations: dict[str, Organisation]
    aliases: tuple[Alias, ...]
    version: str
    _index: dict[str, str] = field(repr=False, compare=False)

    def canonical(self, name: str) -> str | None:
        """The canonical name of the organisation ``name`` spells, or None.

        Case-insensitive for Latin and Vietnamese, exact for Chinese, after NFKC
        normalisation. A possessive ("Nvidia's"), a leading "the", a legal
        suffix ("Corp.", "Co., Ltd.", "有限公司", "集团"), a trailing parenthesis
        ("(北京)") or a Vietnamese legal form ("Tập đoàn ...") is stripped only
        when what remains is a known alias.
        """
        for candidate in _reductions(alias_key(name)):
            if candidate in self._index:
                return self._index[candidate]
        return None

    def aliases_of(self, organisation: str) -> tuple[str, ...]:
        """Every alias of one organisation, in file order."""
        return tuple(a.alias for a in self.aliases if a.organisation == organisation)

    def rows(self) -> list[dict[str, str]]:
        """The table as seed rows, one per alias, every column filled as in the files."""
        rows = []
        for a in self.aliases:
            org = self.organisations[a.organisation]
            rows.append(
                {
                    "organisation": org.name,
                    "alias": a.alias,
                    "lang": a.lang,
                    "kind": org.kind,
                    "country": org.country or "",
                    "parent": org.parent or "",
                }
            )
        return rows


def alias_key(text: str) -> str:
    """What spellings of one alias share: NFKC, straight apostrophes, single spaces, casefold."""
    text = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    return " ".join(text.split()).casefold()


def _strip_once(key: str) -> Iterator[str]:
    """Each shorter key one possessive, article, legal form or parenthesis away."""
    if key.endswith("'s"):
        yield key[:-2].rstrip()
    elif key.endswith("'"):
        yield key[:-1].rstrip()
    if key.startswith("the "):
        yield key[4:]
    for suffix in LEGAL_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)].endswith((" ", ",")):
            yield key[: -len(suffix)].rstrip(" ,")
    for suffix in CJK_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            yield key[: -len(suffix)].rstrip()
    for prefix in VI_PREFIXES:
        if key.startswith(prefix):
            yield key[len(prefix) :]
    stripped = TRAILING_PARENTHESIS_RE.sub("", key)
    if stripped != key:
        yield stripped


def _reductions(key: str) -> Iterator[str]:
    """The key, then every key reachable by stripping, shortest steps first."""
    seen = {key}
    queue = [key]
    while queue:
        current = queue.pop(0)
        yield current
        for shorter in _strip_once(current):
            if shorter and shorter not in seen:
                seen.add(shorter)
                queue.append(shorter)


def _read_rows(path: Path, problems: list[str]) -> list[tuple[str, dict[str, str]]]:
    """The data rows of one file with their ``file:line``; header problems are recorded."""
    try:
        return _read_csv_rows(path, problems)
    except UnicodeDecodeError as exc:
        problems.append(f"{path} is not UTF-8 ({exc.reason} at byte {exc.start}; save it as UTF-8)")
        return []


def _read_csv_rows(path: Path, problems: list[str]) -> list[tuple[str, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        missing = [c for c in COLUMNS if c not in header]
        unknown = [c for c in header if c not in COLUMNS]
        if missing or unknown:
            problems.append(
                f"{path}: columns must be {', '.join(COLUMNS)}"
                f" (missing: {', '.join(missing) or '-'}; unknown: {', '.join(unknown) or '-'})"
            )
            return []
        rows = []
        for row in reader:
            cells = {c: (row.get(c) or "").strip() for c in COLUMNS}
            if not any(cells.values()) or cells["organisation"].startswith("#"):
                continue
            rows.append((f"{path}:{reader.line_num}", cells))
        return rows


def _extra_cells(
    extra_rows: Iterable[Mapping[str, object]], problems: list[str]
) -> list[tuple[str, dict[str, str]]]:
    """The extra rows as cells, each named ``manual row N``; unknown columns are recorded."""
    rows = []
    for number, row in enumerate(extra_rows, start=1):
        source = f"manual row {number} ({row.get('organisation')!r}, {row.get('alias')!r})"
        unknown = sorted(set(row) - set(COLUMNS))
        if unknown:
            problems.append(f"{source}: unknown columns {', '.join(unknown)}")
            continue
        rows.append((source, {c: str(row.get(c) or "").strip() for c in COLUMNS}))
    return rows


def _as_paths(extensions: str | Path | Iterable[str | Path] | None) -> list[Path]:
    if extensions is None:
        return []
    if isinstance(extensions, str | Path):
        return [Path(extensions)]
    return [Path(p) for p in extensions]


def load_organisations(
    extensions: str | Path | Iterable[str | Path] | None = None,
    extra_rows: Iterable[Mapping[str, object]] = (),
) -> OrganisationTable:
    """The packaged table plus the users' extension files and extra rows, validated together.

    ``extra_rows`` are mappings of ``COLUMNS`` (a missing or None cell is empty), read
    after the files, as if from one more file: the rows analysts insert into the
    warehouse's ``raw.organisations`` by hand (``origin`` ``manual``).

    Raises ``OrganisationError`` listing every problem: a missing column, an
    unknown lang or kind, a country that is not two capital letters, a parent
    that is not an organisation (or a cycle of parents), an organisation whose
    rows disagree on kind, country or parent, and an alias that names two
    organisations (both are named, with the lines they come from). An alias
    given twice for the same organisation is kept once (with the origin it had
    first). ``version`` is a hash of the contents of every file read, in order,
    and of the extra rows.
    """
    builder = _Builder()
    digest = hashlib.sha256()
    for path in [PACKAGED_PATH, *_as_paths(extensions)]:
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            builder.problems.append(f"{path}: cannot be read ({exc.strerror or exc})")
            continue
        digest.update(b"\0")
        origin = "seed" if path == PACKAGED_PATH else "config"
        for source, cells in _read_rows(path, builder.problems):
            builder.add(source, cells, origin)
    for source, cells in _extra_cells(extra_rows, builder.problems):
        digest.update("\x1f".join(cells[c] for c in COLUMNS).encode())
        digest.update(b"\0")
        builder.add(source, cells, "manual")
    builder.check_parents()
    if builder.problems:
        raise OrganisationError(builder.problems)
    return OrganisationTable(
        organisations=builder.organisations,
        aliases=tuple(builder.aliases),
        version=digest.hexdigest()[:16],
        _index={key: a.organisation for key, a in builder.index.items()},
    )


@dataclass
class _Builder:
    """The table as rows are added, and the problems found so far."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    first_seen: dict[str, str] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    index: dict[str, Alias] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def add(self, source: str, cells: dict[str, str], origin: str = "seed") -> None:
        """Check one row and add its organisation and alias."""
        name, alias = cells["organisation"], cells["alias"]
        if not self._row_is_valid(source, cells) or not self._add_organisation(source, cells):
            return
        key = alias_key(alias)
        clash = self.index.get(key)
        if clash is not None and clash.organisation != name:
            self.problems.append(
                f"{source}: alias {alias!r} of {name!r} clashes with alias {clash.alias!r}"
                f" of {clash.organisation!r} ({clash.source})"
            )
        elif (alias, name) not in self.pairs:
            entry = Alias(alias, name, cells["lang"], source, origin)
            self.pairs.add((alias, name))
            self.aliases.append(entry)
            self.index.setdefault(key, entry)

    def _row_is_valid(self, source: str, cells: dict[str, str]) -> bool:
        before = len(self.problems)
        name, lang, kind, country = (cells[c] for c in ("organisation", "lang", "kind", "country"))
        if not name or not cells["alias"]:
            self.problems.append(f"{source}: organisation and alias are required")
        if lang not in LANGS:
            self.problems.append(
                f"{source}: lang {lang!r} is not one of {', '.join(sorted(LANGS))}"
            )
        if kind and kind not in KINDS:
            self.problems.append(
                f"{source}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}"
            )
        if country and not COUNTRY_RE.fullmatch(country):
            self.problems.append(f"{source}: country {country!r} is not an ISO 3166-1 alpha-2 code")
        if cells["parent"] and cells["parent"] == name:
            self.problems.append(f"{source}: {name!r} is its own parent")
        return len(self.problems) == before

    def _add_organisation(self, source: str, cells: dict[str, str]) -> bool:
        """Register a new organisation, or check a row against the one known; False on a problem."""
        name = cells["organisation"]
        known = self.organisations.get(name)
        if known is None:
            if not cells["kind"]:
                self.problems.append(f"{source}: new organisation {name!r} needs a kind")
                return False
            self.organisations[name] = Organisation(
                name, cells["kind"], cells["country"] or None, cells["parent"] or None
            )
            self.first_seen[name] = source
            return True
        before = len(self.problems)
        for column, value in (
            ("kind", known.kind),
            ("country", known.country),
            ("parent", known.parent),
        ):
            if cells[column] and cells[column] != value:
                self.problems.append(
                    f"{source}: {column} {cells[column]!r} of {name!r} disagrees with"
                    f" {value or ''!r} ({self.first_seen[name]})"
                )
        return len(self.problems) == before

    def check_parents(self) -> None:
        """Every parent is an organisation, and no chain of parents comes back to its start."""
        for org in self.organisations.values():
            if org.parent is not None and org.parent not in self.organisations:
                self.problems.append(
                    f"{self.first_seen[org.name]}: parent {org.parent!r} of {org.name!r}"
                    " is not an organisation"
                )
        for start, org in self.organisations.items():
            chain = [start]
            parent = org.parent
            while parent in self.organisations and parent not in chain:
                chain.append(parent)
                parent = self.organisations[parent].parent
            if parent == start:
                self.problems.append(
                    f"{self.first_seen[start]}: parents go round: {' -> '.join([*chain, start])}"
                )
