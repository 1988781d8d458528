"""Places a number is about or located in, as ISO 3166-1 alpha-2 codes.

Country names, their adjectives and the cities and provinces the field's news
names (data-centre sites, chip hubs), in English, Chinese and Vietnamese.
``find_places(text, start, end)`` returns each with its span. Regions that are
not one country (Europe, Southeast Asia, 东南亚, Đông Nam Á) are not places here.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfacts.claims.literals import PhraseIndex, Scans

# code -> spellings; Latin spellings match whole words, case-sensitively (a capital).
PLACES: dict[str, tuple[str, ...]] = {
    "CN": (
        "China", "Chinese", "PRC", "Mainland China", "Beijing", "Shanghai", "Shenzhen", "Guangzhou",
        "Hangzhou", "Chengdu", "Wuhan", "Nanjing", "Suzhou", "Tianjin", "Chongqing", "Hefei", "Xi'an",
        "Guizhou", "Gui'an", "Inner Mongolia", "Ningxia", "Zhongwei", "Qingyang", "Gansu", "Hebei",
        "Zhangjiakou", "Wuhu", "Anhui", "Jiangsu", "Zhejiang", "Guangdong", "Sichuan", "Shandong",
        "Hainan", "Xinjiang", "Yunnan", "Fujian", "Hubei", "Hunan", "Henan", "Liaoning",
        "中国", "中國", "我国", "我國", "国内", "國內", "内地", "內地", "全国", "全國", "北京", "上海", "深圳",
        "广州", "廣州", "杭州", "成都", "武汉", "武漢", "南京", "苏州", "蘇州", "天津", "重庆", "重慶", "合肥",
        "西安", "贵州", "貴州", "贵安", "貴安", "内蒙古", "內蒙古", "呼和浩特", "和林格尔", "乌兰察布",
        "宁夏", "寧夏", "中卫", "中衛", "庆阳", "慶陽", "甘肃", "甘肅", "河北", "张家口", "張家口", "芜湖",
        "蕪湖", "安徽", "江苏", "江蘇", "浙江", "广东", "廣東", "四川", "山东", "山東", "海南", "新疆",
        "云南", "雲南", "福建", "湖北", "湖南", "河南", "辽宁", "遼寧", "长三角", "長三角", "粤港澳",
        "京津冀", "成渝", "东数西算", "東數西算",
        "Trung Quốc", "Bắc Kinh", "Thượng Hải", "Thâm Quyến", "Hàng Châu", "Quảng Châu",
    ),
    "HK": ("Hong Kong", "香港", "港股", "港交所", "Hồng Kông"),
    "TW": ("Taiwan", "Taiwanese", "Hsinchu", "Taipei", "台湾", "臺灣", "台灣", "新竹", "台北", "臺北",
           "Đài Loan"),
    "US": (
        "United States", "U.S.", "US", "USA", "America", "American", "Americans", "Texas", "Abilene",
        "Arizona", "Ohio", "Virginia", "Georgia", "California", "Silicon Valley", "Oregon",
        "Wisconsin", "Louisiana", "Iowa", "Nevada", "Memphis", "Tennessee", "New York",
        "美国", "美國", "德州", "得州", "亚利桑那", "亞利桑那", "硅谷", "矽谷", "Mỹ", "Hoa Kỳ",
    ),
    "VN": (
        "Vietnam", "Viet Nam", "Vietnamese", "Hanoi", "Ho Chi Minh City", "Da Nang", "Bac Ninh",
        "Binh Duong", "Dong Nai", "Long An", "Hoa Lac",
        "Việt Nam", "Hà Nội", "TP.HCM", "TP HCM", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh",
        "Hồ Chí Minh", "Sài Gòn", "Đà Nẵng", "Bắc Ninh", "Bình Dương", "Đồng Nai", "Long An",
        "Hòa Lạc", "Hải Phòng", "Quảng Ninh", "Bà Rịa - Vũng Tàu", "Bà Rịa", "Vũng Tàu", "Cần Thơ",
        "Bắc Giang", "Thái Nguyên", "Khánh Hòa", "Quảng Nam", "Hưng Yên", "Vĩnh Phúc", "Tây Ninh",
        "Thủ Đức", "Khu công nghệ cao", "miền Nam", "phía Nam", "miền Bắc", "phía Bắc",
        "越南", "河内", "河內", "胡志明市",
    ),
    "MY": ("Malaysia", "Malaysian", "Johor", "Johor Bahru", "Kulim", "Kedah", "Cyberjaya",
           "Selangor", "Kuala Lumpur", "Penang", "马来西亚", "馬來西亞", "柔佛", "Ma-lai-xi-a"),
    "SG": ("Singapore", "Singaporean", "新加坡"),
    "JP": ("Japan", "Japanese", "Tokyo", "Osaka", "Hokkaido", "Kumamoto", "日本", "东京", "東京",
           "Nhật Bản", "Nhật"),
    "KR": ("South Korea", "Korea", "Korean", "Seoul", "Pyeongtaek", "韩国", "韓國", "首尔", "首爾",
           "Hàn Quốc"),
    "IN": ("India", "Indian", "Mumbai", "Chennai", "Hyderabad", "Bengaluru", "Bangalore",
           "Gujarat", "印度", "Ấn Độ"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "British", "England", "Scotland", "Wales",
           "London", "Bristol", "Edinburgh", "Cambridge", "Oxford", "英国", "英國", "Anh Quốc",
           "Vương quốc Anh"),
    "DE": ("Germany", "German", "Jülich", "Julich", "Munich", "Berlin", "Frankfurt", "德国", "德國",
           "Đức"),
    "FR": ("France", "French", "Paris", "法国", "法國", "Pháp"),
    "NL": ("Netherlands", "Dutch", "Amsterdam", "荷兰", "荷蘭", "Hà Lan"),
    "SA": ("Saudi Arabia", "Saudi", "Riyadh", "沙特", "沙特阿拉伯", "Ả Rập Xê Út", "Saudi Arabia"),
    "AE": ("United Arab Emirates", "UAE", "Emirati", "Abu Dhabi", "Dubai", "阿联酋", "阿聯酋",
           "UAE"),
    "QA": ("Qatar", "卡塔尔"),
    "ID": ("Indonesia", "Indonesian", "Jakarta", "Batam", "印尼", "印度尼西亚", "Indonesia"),
    "TH": ("Thailand", "Thai", "Bangkok", "泰国", "泰國", "Thái Lan"),
    "PH": ("Philippines", "Philippine", "Manila", "菲律宾", "Philippines"),
    "AU": ("Australia", "Australian", "Sydney", "Melbourne", "澳大利亚", "澳洲", "Úc"),
    "CA": ("Canada", "Canadian", "Toronto", "Quebec", "加拿大"),
    "IL": ("Israel", "Israeli", "以色列"),
    "FI": ("Finland", "Finnish", "Kajaani", "芬兰"),
    "ES": ("Spain", "Spanish", "Barcelona", "西班牙"),
    "IT": ("Italy", "Italian", "Bologna", "意大利"),
    "CH": ("Switzerland", "Swiss", "Lugano", "瑞士"),
    "SE": ("Sweden", "Swedish", "瑞典"),
    "NO": ("Norway", "Norwegian", "挪威"),
    "IE": ("Ireland", "Irish", "Dublin", "爱尔兰"),
    "BR": ("Brazil", "Brazilian", "巴西"),
    "MX": ("Mexico", "Mexican", "墨西哥"),
    "RU": ("Russia", "Russian", "俄罗斯", "俄羅斯", "Nga"),
    "LA": ("Laos", "Lào"),
    "KH": ("Cambodia", "Campuchia"),
}  # fmt: skip

# Words that look like a place but are not one here ("US$", "Chinese yuan" is still CN).


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in the text and the country it is in."""

    start: int
    end: int
    text: str
    country: str


def _index() -> tuple[PhraseIndex[str], dict[str, str]]:
    index: dict[str, str] = {}
    for code, names in PLACES.items():
        for name in names:
            index.setdefault(name, code)
    # looked up casefolded, then held to the case as written ("US", not "us")
    return PhraseIndex((name.casefold(), name) for name in index), index


PLACE_PHRASES, PLACE_INDEX = _index()


def find_places(
    text: str,
    start: int = 0,
    end: int | None = None,
    folded: str | None = None,
    scans: Scans | None = None,
) -> list[Place]:
    """Every place named in ``text[start:end]``, by position, spans into ``text``.

    ``folded`` is ``text.casefold()`` and ``scans`` its ``Scans``, when the
    caller has them already. A name of an alphabetic script stands whole (not
    after a letter, a digit or "$", not before one); a Chinese one anywhere.
    """
    end = len(text) if end is None else end
    if folded is None or len(folded) != len(text):
        folded = text.casefold()
        if len(folded) != len(text):
            folded, scans = text, None  # matched as written
    found: list[Place] = []
    reached = start
    for s, e, name in PLACE_PHRASES.find(folded, start, end, scans):
        if s < reached or not text.startswith(name, s):
            continue
        if not _has_cjk(name[0]) and (
            (s > 0 and _word_or_dollar(text[s - 1])) or (e < len(text) and _word_or_dollar(text[e]))
        ):
            continue  # "US$5 billion" is a currency, "USD" a code
        if folded.endswith(_DOLLAR_NAMES, max(0, s - 7), s):
            continue  # "đô la Mỹ" is the US dollar, not a place
        found.append(Place(s, e, name, PLACE_INDEX[name]))
        reached = e
    return found


# Vietnamese dollar names followed by their country: đô la Mỹ, đô la Úc, đô la Singapore.
_DOLLAR_NAMES = ("đô la ", "đô-la ", "đôla ")


def _word_or_dollar(ch: str) -> bool:
    return ch.isalnum() or ch in "_$"


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" for ch in text)
