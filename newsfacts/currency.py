"""Currency lexicon: ISO 4217 codes and the symbols and names that denote them.

The codes come from babel's copy of CLDR (offline); the names, symbols and
aliases are curated here, multilingual (English, Spanish, Vietnamese, Chinese,
Japanese) and lower-case; codes are upper-case. The extractor builds its
patterns from these tables and reads the codes in ``READ_CODES``; the
data-quality checks validate units against ``ISO_4217_CODES``.
"""

from __future__ import annotations

from datetime import date

from babel.core import get_global
from babel.numbers import get_territory_currencies, list_currencies

# babel's currency data is CLDR's: every code ISO 4217 has issued, active or
# withdrawn, with the territories that used each and when. CLDR adds a code of
# its own for the offshore yuan, which ISO 4217 does not have.
NOT_ISO_CODES: frozenset[str] = frozenset({"CNH"})

ISO_4217_CODES: frozenset[str] = frozenset(list_currencies()) - NOT_ISO_CODES

# The day WITHDRAWN_CODES was last reviewed: a code still in use on it (or
# introduced since) is current; one withdrawn before it is read only if listed there.
REVIEWED_ON = date(2025, 1, 1)


def _in_use_since(day: date) -> frozenset[str]:
    """Codes some territory uses, as tender or not (funds, metals), on or after ``day``."""
    return frozenset(
        code
        for territory in get_global("territory_currencies")
        for code in get_territory_currencies(
            territory, start_date=day, end_date=date.max, tender=True, non_tender=True
        )
    )


ACTIVE_CODES: frozenset[str] = _in_use_since(REVIEWED_ON) & ISO_4217_CODES

# Withdrawn codes that historic amounts (and the peer suites) still use: the
# extractor reads these and the active ones, no other.
WITHDRAWN_CODES: frozenset[str] = frozenset(
    [
        "ADP",
        "AFA",
        "ATS",
        "BEF",
        "BGL",
        "CSD",
        "CUC",
        "CYP",
        "DEM",
        "EEK",
        "ESP",
        "FIM",
        "FRF",
        "GHC",
        "GRD",
        "HRK",
        "IEP",
        "ITL",
        "LTL",
        "LUF",
        "LVL",
        "MGF",
        "MRO",
        "MTL",
        "MZM",
        "NLG",
        "PTE",
        "ROL",
        "RUR",
        "SDD",
        "SIT",
        "SKK",
        "SLL",
        "SRG",
        "STD",
        "SVC",
        "TMM",
        "TRL",
        "VEB",
        "VEF",
        "XEU",
        "YUM",
        "ZMK",
        "ZWD",
        "ZWL",
        "ZWR",
    ]
)

# Codes that are also everyday words, tickers or acronyms in news text
# ("ALL 5 solutions", "AMD 7nm", "COP28", "NIO"); the extractor does not read
# them as currencies.
AMBIGUOUS_CODES: frozenset[str] = frozenset(
    {"ALL", "AMD", "BOB", "CUP", "GEL", "MAD", "MOP", "PEN", "SOS", "TOP", "TRY", "CAD"}
    | {"COP", "NIO", "KGS", "STD", "ADP", "SIT", "ATS", "BTN"}
    | {c for c in ISO_4217_CODES if c.startswith("X") and c not in {"XAF", "XOF", "XPF", "XCD"}}
)

# The codes the extractor reads when written as codes ("USD 5 million", "5 tỷ VND").
READ_CODES: frozenset[str] = (ACTIVE_CODES | WITHDRAWN_CODES) - AMBIGUOUS_CODES

# Non-ISO abbreviations written like codes.
CODE_ALIASES: dict[str, str] = {
    "RMB": "CNY",
    "Rmb": "CNY",
    "NTD": "TWD",
    "NT": "TWD",
    "NDT": "CNY",  # nhân dân tệ, as the Vietnamese press abbreviates it
    "VNĐ": "VND",
    "VNđ": "VND",
    "RM": "MYR",
    "Rp": "IDR",
    "Rs": "INR",
    "Rs.": "INR",
    "INR.": "INR",
}

# Symbols written before or after the amount. "¥" is resolved by context.
SYMBOLS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "U.S.$": "USD",
    "U$D": "USD",
    "U$S": "USD",
    "USD$": "USD",
    "HK$": "HKD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAN$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "SG$": "SGD",
    "NT$": "TWD",
    "R$": "BRL",
    "MEX$": "MXN",
    "MX$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₩": "KRW",
    "₫": "VND",
    "₽": "RUB",
    "₺": "TRY",
    "₱": "PHP",
    "฿": "THB",
    "₦": "NGN",
    "₪": "ILS",
    "₴": "UAH",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "₮": "MNT",
    "₲": "PYG",
    "₵": "GHS",
    "₸": "KZT",
    "৳": "BDT",
    "ரூ": "LKR",
    "円": "JPY",
    "元": "CNY",
    "¥": "CNY",
    "￥": "CNY",
    "₣": "FRF",
    "₧": "ESP",
    "₤": "ITL",
}

# Names (lower-case). Bare ambiguous names (franc, peso, mark, krone) are absent
# on purpose: only their qualified forms name one currency.
NAMES: dict[str, str] = {
    # English
    "dollar": "USD",
    "dollars": "USD",
    "us dollar": "USD",
    "us dollars": "USD",
    "u.s. dollar": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "usd": "USD",
    "canadian dollar": "CAD",
    "canadian dollars": "CAD",
    "australian dollar": "AUD",
    "australian dollars": "AUD",
    "hong kong dollar": "HKD",
    "hong kong dollars": "HKD",
    "hk dollars": "HKD",
    "taiwan dollars": "TWD",
    "taiwan dollar": "TWD",
    "new taiwan dollars": "TWD",
    "new taiwan dollar": "TWD",
    "singapore dollar": "SGD",
    "singapore dollars": "SGD",
    "new zealand dollar": "NZD",
    "new zealand dollars": "NZD",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "japanese yen": "JPY",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "kuai": "CNY",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "pound sterling": "GBP",
    "british pounds": "GBP",
    "sterling": "GBP",
    "rupee": "INR",
    "rupees": "INR",
    "indian rupees": "INR",
    "indian rupee": "INR",
    "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR",
    "won": "KRW",
    "korean won": "KRW",
    "south korean won": "KRW",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "swiss franc": "CHF",
    "swiss francs": "CHF",
    "french francs": "FRF",
    "french franc": "FRF",
    "belgian francs": "BEF",
    "finnish markka": "FIM",
    "finnish markkaa": "FIM",
    "markka": "FIM",
    "markkaa": "FIM",
    "deutsche mark": "DEM",
    "deutsche marks": "DEM",
    "german marks": "DEM",
    "d-marks": "DEM",
    "peseta": "ESP",
    "pesetas": "ESP",
    "dutch guilders": "NLG",
    "dutch guilder": "NLG",
    "guilders": "NLG",
    "italian lire": "ITL",
    "italian lira": "ITL",
    "lire": "ITL",
    "turkish lira": "TRY",
    "austrian schillings": "ATS",
    "escudos": "PTE",
    "drachmas": "GRD",
    "drachmae": "GRD",
    "irish pounds": "IEP",
    "punts": "IEP",
    "mexican pesos": "MXN",
    "mexican peso": "MXN",
    "argentine pesos": "ARS",
    "philippine pesos": "PHP",
    "chilean pesos": "CLP",
    "colombian pesos": "COP",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "dong": "VND",
    "reais": "BRL",
    "brazilian reais": "BRL",
    "rand": "ZAR",
    "naira": "NGN",
    "shekels": "ILS",
    "dirhams": "AED",
    "riyals": "SAR",
    "swedish kronor": "SEK",
    "swedish krona": "SEK",
    "kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "hryvnia": "UAH",
    # Spanish
    "dólar": "USD",
    "dólares": "USD",
    "dolar": "USD",
    "dolares": "USD",
    "dóllar": "USD",
    "dólares estadounidenses": "USD",
    "dólares americanos": "USD",
    "dólares canadienses": "CAD",
    "dólares australianos": "AUD",
    "dólares de hong kong": "HKD",
    "dólares de singapur": "SGD",
    "yenes": "JPY",
    "yuanes": "CNY",
    "libra": "GBP",
    "libras": "GBP",
    "libras esterlinas": "GBP",
    "marcos finlandeses": "FIM",
    "marcos alemanes": "DEM",
    "florines neerlandeses": "NLG",
    "florines holandeses": "NLG",
    "francos suizos": "CHF",
    "francos franceses": "FRF",
    "francos belgas": "BEF",
    "liras italianas": "ITL",
    "pesos mexicanos": "MXN",
    "pesos argentinos": "ARS",
    "pesos colombianos": "COP",
    "pesos chilenos": "CLP",
    "pesos filipinos": "PHP",
    "reales": "BRL",
    "rupias": "INR",
    "rublos": "RUB",
    "wones": "KRW",
    # Vietnamese
    "đồng": "VND",
    "đ": "VND",
    "nhân dân tệ": "CNY",
    "đô la": "USD",
    "đô la mỹ": "USD",
    "đô": "USD",
    "đô la hồng kông": "HKD",
    "đô la singapore": "SGD",
    "đô la đài loan": "TWD",
    "đô la úc": "AUD",
    "yên": "JPY",
    "yên nhật": "JPY",
    "bảng anh": "GBP",
    "rupee ấn độ": "INR",
    # Chinese and Japanese
    "元": "CNY",
    "块": "CNY",
    "块钱": "CNY",
    "元人民币": "CNY",
    "人民币": "CNY",
    "人民币元": "CNY",
    "美元": "USD",
    "美圆": "USD",
    "美金": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "日圆": "JPY",
    "円": "JPY",
    "欧元": "EUR",
    "英镑": "GBP",
    "澳元": "AUD",
    "加元": "CAD",
    "台币": "TWD",
    "新台币": "TWD",
    "韩元": "KRW",
    "卢布": "RUB",
    "瑞士法郎": "CHF",
    "卢比": "INR",
    "新加坡元": "SGD",
    "新元": "SGD",
    "泰铢": "THB",
    "越南盾": "VND",
    "奈拉": "NGN",
    "林吉特": "MYR",
    "澳门元": "MOP",
    "澳门币": "MOP",
    "兰特": "ZAR",
}

# Minor units: name -> fraction of the major unit.
SUBUNITS: dict[str, float] = {
    "cent": 0.01,
    "cents": 0.01,
    "centavo": 0.01,
    "centavos": 0.01,
    "céntimo": 0.01,
    "céntimos": 0.01,
    "centimos": 0.01,
    "pence": 0.01,
    "penny": 0.01,
    "sen": 0.01,
    "fen": 0.01,
    "mao": 0.1,
    "jiao": 0.1,
    "美分": 0.01,
    "分": 0.01,
    "角": 0.1,
    "毛": 0.1,
    "日本銭": 0.01,
    "銭": 0.01,
}
