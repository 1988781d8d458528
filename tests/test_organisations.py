"""The organisation reference table: the packaged file is sound, names resolve, users extend it."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.organisations import (
    COLUMNS,
    KINDS,
    LANGS,
    PACKAGED_PATH,
    OrganisationError,
    alias_key,
    load_organisations,
)

HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Letters outside ASCII that Vietnamese uses and no other Latin alias here needs.
VIETNAMESE_RE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)

# The biggest organisations in the field: each must be findable in Chinese and Vietnamese text.
BIGGEST = (
    "Nvidia",
    "AMD",
    "Intel",
    "Qualcomm",
    "Broadcom",
    "Micron",
    "TSMC",
    "Samsung",
    "Huawei",
    "Apple",
    "Dell",
    "Lenovo",
    "Xiaomi",
    "Foxconn",
    "Sony",
    "Microsoft",
    "Google",
    "Amazon",
    "Meta",
    "Oracle",
    "IBM",
    "Alibaba",
    "Tencent",
    "Baidu",
    "ByteDance",
    "SoftBank",
    "SK Group",
    "European Union",
    "European Commission",
    "World Bank",
    "United Nations",
)


@pytest.fixture(scope="module")
def table():
    return load_organisations()


@pytest.fixture(scope="module")
def packaged_rows() -> list[dict[str, str]]:
    with PACKAGED_PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def write_csv(path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_packaged_file_is_large_and_every_row_is_complete(packaged_rows, table) -> None:
    assert len(table.organisations) >= 300
    assert len(packaged_rows) >= 900
    assert len(table.aliases) == len(packaged_rows)
    for row in packaged_rows:
        assert row["organisation"] and row["alias"], row
        assert row["lang"] in LANGS, row
        assert row["kind"] in KINDS, row
        assert row["alias"] == row["alias"].strip() == unicodedata.normalize("NFKC", row["alias"])


def test_each_organisations_rows_agree_and_include_its_name(packaged_rows) -> None:
    described: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in packaged_rows:
        described[row["organisation"]].add((row["kind"], row["country"], row["parent"]))
        aliases[row["organisation"]].add(row["alias"])
    assert {name: d for name, d in described.items() if len(d) > 1} == {}
    assert [name for name, a in aliases.items() if name not in a] == []


def test_every_alias_is_listed_once_and_names_one_organisation(packaged_rows) -> None:
    spellings = [row["alias"] for row in packaged_rows]
    assert len(spellings) == len(set(spellings))
    by_key: dict[str, set[str]] = defaultdict(set)
    for row in packaged_rows:
        by_key[alias_key(row["alias"])].add(row["organisation"])
    assert {key: orgs for key, orgs in by_key.items() if len(orgs) > 1} == {}


def test_every_alias_resolves_to_its_organisation(packaged_rows, table) -> None:
    wrong = [
        (row["alias"], row["organisation"], table.canonical(row["alias"]))
        for row in packaged_rows
        if table.canonical(row["alias"]) != row["organisation"]
    ]
    assert wrong == []


def test_lang_matches_the_script_of_the_alias(packaged_rows) -> None:
    for row in packaged_rows:
        has_han = bool(HAN_RE.search(row["alias"]))
        assert has_han == (row["lang"] == "zh"), row
        if VIETNAMESE_RE.search(row["alias"]):
            assert row["lang"] == "vi", row


def test_every_parent_is_an_organisation(table) -> None:
    parents = {org.parent for org in table.organisations.values() if org.parent}
    assert parents - set(table.organisations) == set()
    assert {"Alibaba", "Amazon", "Google", "Viettel"} <= parents


def test_every_country_is_an_iso_3166_code(table) -> None:
    babel = pytest.importorskip("babel")
    # CLDR territories that are not ISO 3166-1 alpha-2 assignments (reserved or private use)
    not_iso = {"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
    iso = {code for code in babel.Locale("en").territories if code.isalpha()} - not_iso
    countries = {org.country for org in table.organisations.values()}
    assert countries - iso - {None} == set()
    assert {"CN", "US", "VN", "TW", "JP"} <= countries


def test_supranational_bodies_have_no_country(table) -> None:
    for name in (
        "European Union",
        "European Commission",
        "EuroHPC Joint Undertaking",
        "World Bank",
    ):
        assert table.organisations[name].country is None


@pytest.mark.parametrize("name", BIGGEST)
def test_the_biggest_have_chinese_and_vietnamese_aliases(table, name: str) -> None:
    langs = {a.lang for a in table.aliases if a.organisation == name}
    assert {"en", "zh", "vi"} <= langs, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nvidia", "Nvidia"),
        ("NVIDIA Corp.", "Nvidia"),
        ("Nvidia’s", "Nvidia"),
        ("ＮＶＩＤＩＡ", "Nvidia"),
        ("英伟达", "Nvidia"),
        ("輝達", "Nvidia"),
        ("Tập đoàn Nvidia", "Nvidia"),
        ("Huawei Technologies Co., Ltd.", "Huawei"),
        ("华为技术有限公司", "Huawei"),
        ("華為", "Huawei"),
        ("摩尔线程智能科技（北京）股份有限公司", "Moore Threads"),
        ("上海壁仞智能科技有限公司", "Biren Technology"),
        ("阿里云", "Alibaba Cloud"),
        ("Alibaba Group's", "Alibaba"),
        ("AWS", "Amazon Web Services"),
        ("SoftBank Corp", "SoftBank Corp."),
        ("SoftBank Group Corp.", "SoftBank"),
        ("台積電", "TSMC"),
        ("Công ty Sản xuất Chất bán dẫn Đài Loan", "TSMC"),
        ("Tập đoàn Viettel", "Viettel"),
        ("tập đoàn viettel", "Viettel"),
        ("Tổng công ty Viettel", "Viettel"),
        ("Công ty Cổ phần FPT", "FPT"),
        ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology (Vietnam)"),
        ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications (Vietnam)"),
        ("Chính phủ", "Government of Vietnam"),
        ("the European Commission", "European Commission"),
        ("欧盟委员会", "European Commission"),
        ("Ủy ban châu Âu", "European Commission"),
        ("国家超级计算深圳中心", "National Supercomputing Center in Shenzhen"),
        ("国家发改委", "National Development and Reform Commission"),
        ("科大讯飞股份有限公司", "iFlytek"),
    ],
)
def test_canonical_across_languages(table, text: str, expected: str) -> None:
    assert table.canonical(text) == expected


def test_a_vietnamese_legal_form_is_stripped_when_the_rest_is_known(table) -> None:
    assert "Tập đoàn Tesla" not in table.aliases_of("Tesla")
    assert table.canonical("Tập đoàn Tesla") == "Tesla"
    assert table.canonical("Tập đoàn Acme") is None


@pytest.mark.parametrize(
    "text",
    ["", "Corp.", "Inc", "Co., Ltd.", "有限公司", "Acme Corp.", "Intelligence", "英伟", "Ascend"],
)
def test_canonical_finds_nothing_for_suffixes_alone_unknown_names_and_products(
    table, text: str
) -> None:
    assert table.canonical(text) is None


def test_chinese_is_matched_exactly_latin_without_case(table) -> None:
    assert table.canonical("nvidia corporation") == "Nvidia"
    assert table.canonical("SK HYNIX") == "SK Hynix"
    assert table.canonical("英偉達") == "Nvidia"
    assert table.canonical("英伟达达") is None


@given(text=st.text(max_size=40))
def test_canonical_never_raises(table, text: str) -> None:
    result = table.canonical(text)
    assert result is None or result in table.organisations


# The aliases the retired SQL seed (warehouse/sql/raw/organisations.sql) attributed facts
# with, by the organisation it named, but the products and units in RETIRED_SEED_CHANGED.
RETIRED_SEED: dict[str, tuple[str, ...]] = {
    "Nvidia": ("Nvidia", "NVIDIA", "英伟达"),
    "AMD": ("AMD", "Advanced Micro Devices"),
    "Intel": ("Intel", "英特尔"),
    "Huawei": ("Huawei", "华为"),
    "Google": ("Google", "谷歌"),
    "Microsoft": ("Microsoft", "微软"),
    "OpenAI": ("OpenAI",),
    "Meta": ("Meta", "Facebook"),
    "Amazon": ("Amazon", "亚马逊"),
    "xAI": ("xAI",),
    "Anthropic": ("Anthropic",),
    "Oracle": ("Oracle",),
    "Alibaba": ("Alibaba", "阿里巴巴"),
    "Tencent": ("Tencent", "腾讯"),
    "Baidu": ("Baidu", "百度"),
    "ByteDance": ("ByteDance", "字节跳动"),
    "DeepSeek": ("DeepSeek",),
    "SenseTime": ("SenseTime", "商汤"),
    "Zhipu AI": ("Zhipu", "智谱"),
    "Moonshot AI": ("Moonshot", "月之暗面"),
    "SoftBank": ("SoftBank", "软银"),
    "TSMC": ("TSMC", "台积电"),
    "Samsung": ("Samsung", "三星"),
    "SK Hynix": ("SK Hynix", "SK hynix"),
    "Broadcom": ("Broadcom",),
    "Arm": ("Arm Holdings",),
    "IBM": ("IBM",),
    "Apple": ("Apple",),
    "Tesla": ("Tesla",),
    "Cerebras": ("Cerebras",),
    "CoreWeave": ("CoreWeave",),
    "Dell": ("Dell",),
    "Supermicro": ("Supermicro", "Super Micro"),
    "Foxconn": ("Foxconn", "富士康"),
    "Cambricon": ("Cambricon", "寒武纪"),
    "Moore Threads": ("Moore Threads", "摩尔线程"),
    "Sugon": ("Sugon", "中科曙光"),
    "Inspur": ("Inspur", "浪潮"),
    "iFlytek": ("iFlytek", "科大讯飞"),
    "China Mobile": ("China Mobile", "中国移动"),
    "China Telecom": ("China Telecom", "中国电信"),
    "Viettel": ("Viettel",),
    "FPT": ("FPT",),
    "VNPT": ("VNPT",),
    "Reliance": ("Reliance",),
    "G42": ("G42",),
    "Mistral AI": ("Mistral",),
    "Fujitsu": ("Fujitsu",),
    "RIKEN": ("RIKEN",),
}
RETIRED_SEED_CHANGED: dict[str, str | None] = {
    # products, left out of the table: Huawei's chips, Microsoft's cloud, xAI's cluster
    "Ascend": None,
    "昇腾": None,
    "Azure": None,
    "Colossus": None,
    # units now named as themselves, with the old organisation as parent
    "DeepMind": "Google DeepMind",
    "AWS": "Amazon Web Services",
    "阿里云": "Alibaba Cloud",
    # the parent of Google, and the joint venture OpenAI shares with SoftBank and Oracle
    "Alphabet": "Alphabet",
    "Stargate": "Stargate",
}


def test_the_retired_sql_seed_s_names_resolve_as_before_but_products_and_units(table) -> None:
    found = {
        alias: table.canonical(alias) for aliases in RETIRED_SEED.values() for alias in aliases
    }
    expected = {alias: org for org, aliases in RETIRED_SEED.items() for alias in aliases}
    assert found == expected
    assert {alias: table.canonical(alias) for alias in RETIRED_SEED_CHANGED} == RETIRED_SEED_CHANGED
    assert table.organisations["Google DeepMind"].parent == "Google"
    assert table.organisations["Google"].parent == "Alphabet"


def test_a_user_file_adds_aliases_and_organisations(tmp_path: Path, table) -> None:
    extension = write_csv(
        tmp_path / "orgs.csv",
        [
            ("# local names", "", "", "", "", ""),
            ("Nvidia", "英伟达越南", "zh", "", "", ""),
            ("Nvidia", "NVIDIA", "en", "chip_maker", "US", ""),
            ("Acme Compute", "Acme Compute", "en", "data_centre_operator", "VN", "FPT"),
            ("Acme Compute", "Công ty Acme Compute", "vi", "", "", ""),
        ],
    )
    extended = load_organisations(extension)
    assert extended.canonical("英伟达越南") == "Nvidia"
    assert extended.canonical("Công ty Acme Compute") == "Acme Compute"
    assert extended.organisations["Acme Compute"].parent == "FPT"
    assert len(extended.aliases) == len(table.aliases) + 3  # NVIDIA was already there
    assert extended.version != table.version
    rows = extended.rows()
    assert rows[-1] == {
        "organisation": "Acme Compute",
        "alias": "Công ty Acme Compute",
        "lang": "vi",
        "kind": "data_centre_operator",
        "country": "VN",
        "parent": "FPT",
    }
    nvidia = {"organisation": "Nvidia", "kind": "chip_maker", "country": "US", "parent": ""}
    assert {**nvidia, "alias": "英伟达越南", "lang": "zh"} in rows
    assert table.canonical("英伟达越南") is None  # the packaged table is untouched


def test_a_user_alias_of_another_organisation_is_an_error_naming_both(tmp_path: Path) -> None:
    rows = [("Acme", "华为", "zh", "other", "CN", ""), ("Acme", "nvidia", "en", "", "", "")]
    extension = write_csv(tmp_path / "orgs.csv", rows)
    with pytest.raises(OrganisationError) as caught:
        load_organisations([extension])
    problems = caught.value.problems
    assert len(problems) == 2
    assert "'Acme'" in problems[0] and "'Huawei'" in problems[0] and "orgs.csv:2" in problems[0]
    assert "'Acme'" in problems[1] and "'Nvidia'" in problems[1]
    assert str(PACKAGED_PATH) in problems[1]


def test_every_problem_of_a_user_file_is_reported(tmp_path: Path) -> None:
    extension = write_csv(
        tmp_path / "orgs.csv",
        [
            ("Acme", "Acme", "fr", "other", "FR", ""),
            ("Acme2", "Acme2", "en", "bank", "FR", ""),
            ("Acme3", "Acme3", "en", "other", "France", ""),
            ("Acme4", "Acme4", "en", "other", "FR", "Nobody"),
            ("Acme5", "Acme5", "en", "", "FR", ""),
            ("Nvidia", "Nvidia Vietnam", "en", "cloud", "", ""),
            ("A", "A", "en", "other", "", "B"),
            ("B", "B", "en", "other", "", "A"),
        ],
    )
    with pytest.raises(OrganisationError) as caught:
        load_organisations(extension)
    text = str(caught.value)
    for fragment in (
        "lang 'fr'",
        "kind 'bank'",
        "country 'France'",
        "parent 'Nobody' of 'Acme4'",
        "new organisation 'Acme5' needs a kind",
        "kind 'cloud' of 'Nvidia' disagrees with 'chip_maker'",
        "parents go round: A -> B -> A",
    ):
        assert fragment in text


def test_a_user_file_without_the_columns_is_an_error(tmp_path: Path) -> None:
    extension = write_csv(tmp_path / "orgs.csv", [("Acme", "Acme")], header=("name", "alias"))
    with pytest.raises(OrganisationError, match="missing: organisation, lang, kind, country"):
        load_organisations(extension)


def test_version_is_a_hash_of_the_files(tmp_path: Path, table) -> None:
    assert load_organisations().version == table.version
    copy = tmp_path / "copy.csv"
    copy.write_bytes(PACKAGED_PATH.read_bytes())
    # the same rows again add nothing, yet the files read differ
    again = load_organisations(copy)
    assert len(again.aliases) == len(table.aliases)
    assert again.version != table.version


def test_extra_rows_extend_the_table_as_a_file_would_and_keep_their_origin(
    tmp_path: Path, table
) -> None:
    extension = write_csv(
        tmp_path / "orgs.csv", [("Acme Compute", "Acme Compute", "en", "cloud", "VN", "")]
    )
    extended = load_organisations(
        extension,
        extra_rows=[
            # an alias of a packaged organisation: kind, country and parent are inherited
            {"organisation": "Nvidia", "alias": "Nvidia Việt Nam", "lang": "vi", "kind": None},
            {"organisation": "Acme Compute", "alias": "Acme", "lang": "en"},
        ],
    )
    assert extended.canonical("nvidia việt nam") == "Nvidia"
    assert extended.canonical("Acme") == "Acme Compute"
    origins = {a.alias: a.origin for a in extended.aliases}
    assert (origins["Nvidia"], origins["Acme Compute"]) == ("seed", "config")
    assert (origins["Nvidia Việt Nam"], origins["Acme"]) == ("manual", "manual")
    assert extended.version != load_organisations(extension).version


def test_a_bad_extra_row_is_an_error_naming_it() -> None:
    with pytest.raises(OrganisationError) as caught:
        load_organisations(
            extra_rows=[
                {"organisation": "Acme", "alias": "nvidia", "lang": "en", "kind": "other"},
                {"organisation": "Acme", "alias": "Acme", "lang": "en", "colour": "red"},
            ]
        )
    first, second = sorted(caught.value.problems)
    assert first.startswith("manual row 1 ('Acme', 'nvidia')") and "'Nvidia'" in first
    assert second == "manual row 2 ('Acme', 'Acme'): unknown columns colour"


def test_a_missing_user_file_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(OrganisationError, match=r"nowhere\.csv: cannot be read"):
        load_organisations(missing)
