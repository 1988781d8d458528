"""The words the claim rules read, per language: measure triggers, anaphora, modifiers.

Each measure has trigger patterns; the trigger nearest the number in its clause
gives the fact's measure, and the trigger is the label's evidence. English and
Vietnamese patterns are matched case-insensitively on word boundaries, Chinese
ones anywhere. Patterns are plain regular expressions so that a wrong label can
be traced to the one alternative that matched.
"""

from __future__ import annotations

import re

from newsfacts.claims.literals import Gate, PhraseIndex, Scans, expand

# ---------------------------------------------------------------- measure triggers
# measure -> language -> alternatives. Order does not matter: nearest wins.

MONEY_TRIGGERS: dict[str, dict[str, tuple[str, ...]]] = {
    "price": {
        "en": (
            r"per (?:share|gpu[- ]hour|gpu|hour|card|chip|unit|kwh|kilowatt[- ]hour|kilowatt|megawatt[- ]hour|mwh|month|year|token|million tokens)",
            r"an? (?:share|gpu[- ]hour|hour|kwh)",
            r"(?<=/)(?:share|gpu[- ]hour|hour|kwh|month)",  # right after "$2.99/"
            r"share price",
            r"offer price",
            r"priced (?:its|the|at)",
            r"closed at",
            r"close of",
            r"closing price",
            r"(?:price|marketed|indicative) range",
            r"chang(?:e|es|ed) hands for",
            r"shares? (?:closed|ended|traded|rose|fell|jumped|climbed)",
            r"(?:list|retail|sticker|asking|rental|rent|unit) prices?",
            r"prices? (?:of|at|for|starting)",
            r"starts? at",
            r"rents?",
            r"price(?:d|s)?",
            r"fee",
            r"tariff",
            r"each",
            r"apiece",
            r"a piece",
            r"open(?:ed|ing|s)? at",
            r"shares of",
            r"~shares?",
            r"~stock",
        ),
        "zh": (
            r"每股(?:发售价|發售價|价格|價格)?",
            r"发行价",
            r"發行價",
            r"发售价",
            r"發售價",
            r"招股价",
            r"招股價",
            r"入场费",
            r"入場費",
            r"股价",
            r"股價",
            r"收[在于報报]",
            r"报收",
            r"價格",
            r"价格",
            r"售价",
            r"售價",
            r"租赁价格",
            r"每卡时",
            r"每卡時",
            r"每小时",
            r"每小時",
            r"每千瓦时",
            r"/卡时",
            r"/小时",
            r"电价",
            r"電價",
            r"/股",
            r"/卡时",
            r"每股",
        ),
        "vi": (
            r"mỗi (?:giờ|cổ phiếu|gpu|kwh|tháng)",
            r"(?<=/)(?:giờ|kwh|cổ phiếu|tháng)",
            r"giá (?:thuê|điện|bán|chào bán|cổ phiếu|niêm yết)",
            r"cổ phiếu [A-Z]{3} đóng cửa",
            r"đóng cửa",
            r"ở mức",
            r"thị giá",
            r"(?<!trị )(?<!trị giá )giá(?! trị)",
            r"giao dịch",
            r"quanh mức",
        ),
    },
    "valuation": {
        "en": (
            r"valu(?:ed|ing|es|ation)",
            r"market (?:capitali[sz]ation|cap|value)",
            r"~worth",
            r"post-money",
            r"pre-money",
        ),
        "zh": (
            r"估值",
            r"市值",
            r"总市值",
            r"總市值",
            r"市场价值",
            r"市場價值",
        ),
        "vi": (
            r"định giá",
            r"vốn hóa",
            r"vốn hoá",
            r"giá trị vốn hóa",
            r"giá trị thị trường",
            r"~trị giá",
            r"~giá trị",
        ),
    },
    "funding": {
        "en": (
            r"rais(?:e|es|ed|ing)",
            r"round",
            r"series [a-h]\+?",
            r"seed",
            r"ipo",
            r"listing",
            r"flotation",
            r"offering",
            r"placement",
            r"fundraising",
            r"funding",
            r"financing",
            r"proceeds",
            r"borrow(?:s|ed|ing)?",
            r"loans?",
            r"lent",
            r"lends?",
            r"loaned",
            r"credit facility",
            r"bonds?",
            r"of (?:bonds|notes|debt|convertible notes)",
            r"debt",
            r"went public",
            r"debut",
            r"venture (?:capital|funding|investment)",
            r"receiv(?:e|ed|es) [^,.;]{0,40}?investment",
            r"secur(?:e|ed|es) [^,.;]{0,40}?investment",
        ),
        "zh": (
            r"融资",
            r"融資",
            r"募资",
            r"募資",
            r"募集",
            r"集资",
            r"集資",
            r"上市",
            r"招股",
            r"ipo",
            r"IPO",
            r"轮",
            r"輪",
            r"定增",
            r"增发",
            r"增發",
            r"贷款",
            r"貸款",
            r"发债",
            r"發債",
            r"配售",
            r"并购贷款",
            r"併購貸款",
            r"获得[^，。；]{0,40}?投资",
            r"獲得[^，。；]{0,40}?投資",
            r"获[^，。；]{0,30}?投资",
            r"风险投资",
            r"風險投資",
            r"风投",
            r"創投",
            r"创投",
        ),
        "vi": (
            r"gọi vốn",
            r"huy động",
            r"vòng (?:gọi vốn|series|hạt giống)",
            r"series [a-h]",
            r"ipo",
            r"niêm yết",
            r"phát hành",
            r"vay",
            r"khoản vay",
            r"trái phiếu",
            r"gọi được",
            r"nhận[^,.;]{0,40}?đầu tư",
            r"đầu tư mạo hiểm",
            r"vốn mạo hiểm",
        ),
    },
    "investment": {
        "en": (
            r"invest(?:s|ed|ing|ment|ments)?",
            r"spen(?:d|ds|ding|t)",
            r"spending",
            r"capex",
            r"capital (?:expenditure|spending|investment)",
            r"outlay",
            r"budget",
            r"fund(?:s|ed)?",
            r"subsid(?:y|ies|ise|ize)",
            r"grants?",
            r"commit(?:s|ted|ment)?",
            r"pledg(?:e|ed|es)",
            r"allocat(?:e|ed|es|ion)",
            r"earmark(?:ed)?",
            r"put",
            r"pour(?:s|ed|ing)?",
            r"~back(?:s|ed|ing)(?! by)",  # "backed by X" names a backer, not this sum
            r"stake",
            r"build(?:s|ing)?",
            r"construct(?:ion)?",
            r"projects?",
            r"plan(?:s|ned)? to (?:invest|spend)",
            r"~purchases?",
            r"~bought",
            r"~buy(?:s|ing)?",
            r"programme",
            r"program",
            r"initiative",
            r"vouchers?",
            r"costs?",
            r"cost of",
            r"sets? aside",
            r"~approv(?:e|ed|es|al)",
            r"phases?",
            r"facilit(?:y|ies)",
            r"~data[- ]cent(?:re|er)s?(?! (?:unit|segment|business|division|revenue|sales))",
            r"~campus(?:es)?",
            r"subscrib(?:e|es|ed|ing) for",
            r"subscription",
            r"(?:cornerstone|anchor) investors?",
        ),
        "zh": (
            r"投资(?![方人者机])",  # 投资方, 投资者: the investors, not a sum invested
            r"投資(?![方人者機])",
            r"投入",
            r"资本开支",
            r"資本開支",
            r"资本支出",
            r"資本支出",
            r"出资",
            r"出資",
            r"认购",
            r"認購",
            r"补贴",
            r"補貼",
            r"算力券",
            r"~资金",
            r"~資金",
            r"基金",
            r"注册资本",
            r"註冊資本",
            r"建设",
            r"建設",
            r"研发投入",
            r"研發投入",
            r"采购",
            r"採購",
            r"拨款",
            r"撥款",
            r"~数据中心",
            r"~數據中心",
            r"~智算中心",
            r"~算力中心",
        ),
        "vi": (
            r"đầu tư",
            r"vốn đầu tư",
            r"tổng vốn",
            r"vốn đăng ký",
            r"rót",
            r"chi",
            r"chi tiêu",
            r"dành",
            r"kinh phí",
            r"ngân sách",
            r"xây(?: dựng)?",
            r"dự án",
            r"tài trợ",
            r"hỗ trợ",
            r"cam kết",
            r"vốn fdi",
            r"fdi",
            r"mua",
            r"góp vốn",
            r"thu hút",
            r"~(?<!mảng )trung tâm dữ liệu",
            r"khởi công",
            r"khánh thành",
            r"~nhà máy",
            r"quỹ[^,.;]{0,60}?với quy mô",  # a fund's size is money put in, not a market's
        ),
    },
    "deal_value": {
        "en": (
            r"acqui(?:re|res|red|ring|sition)",
            r"takeover",
            r"including (?:net )?debt",  # an acquisition's value, not a loan
            r"merger",
            r"merge",
            r"deal",
            r"contracts?",
            r"orders?",
            r"agreement",
            r"backlog",
            r"purchase of",
            r"to buy",
            r"agreed to buy",
            r"buys?",
            r"bought",
            r"sale of",
            r"sells?",
            r"sold",
            r"transaction",
            r"tie-up",
            r"m&a",
            r"bids?",
            r"offer for",
            r"(?:remaining )?performance obligations",
        ),
        "zh": (
            r"收购",
            r"收購",
            r"并购",
            r"併購",
            r"合并",
            r"合併",
            r"交易",
            r"作价",
            r"作價",
            r"合同",
            r"合約",
            r"订单",
            r"訂單",
            r"协议",
            r"協議",
            r"出售",
        ),
        "vi": (
            r"thương vụ",
            r"mua lại",
            r"mua lại [^,.;]{0,80}?với giá",  # the price of an acquisition, not of a unit
            r"sáp nhập",
            r"hợp đồng",
            r"đơn hàng",
            r"thỏa thuận",
            r"bán lại",
        ),
    },
    "revenue": {
        "en": (
            r"revenues?",
            r"sales",
            r"turnover",
            r"income from",
            r"billings",
            r"bookings",
            r"top line",
            r"sold",
        ),
        "zh": (
            r"营收",
            r"營收",
            r"营业收入",
            r"營業收入",
            r"收入",
            r"销售额",
            r"銷售額",
            r"营业额",
            r"營業額",
            r"销售收入",
        ),
        "vi": (
            r"doanh thu",
            r"doanh số",
            r"mang về",
            r"đóng góp",
        ),
    },
    "profit": {
        "en": (
            r"profits?",
            r"profits? (?:after|before) tax",  # not the 'tax' of "profit after tax"
            r"(?:after|pre)-tax (?:net )?profits?",
            r"net income",
            r"earnings",
            r"operating income",
            r"ebitda",
            r"ebit",
            r"earned",
            r"earns?",
            r"per share",
        ),
        "zh": (
            r"利润",
            r"利潤",
            r"净利",
            r"淨利",
            r"纯益",
            r"純益",
            r"盈利",
            r"每股盈余",
            r"每股盈餘",
            r"营业利益",
            r"營業利益",
        ),
        "vi": (
            r"lợi nhuận",
            r"lãi",
            r"lời",
        ),
    },
    "loss": {
        "en": (
            r"net loss",
            r"operating loss",
            r"loss(?:es)?",
            r"lost",
            r"los(?:e|es|ing)",
            r"write-?down",
            r"impairment",
            r"charge",
            r"wrote off",
        ),
        "zh": (
            r"亏损",
            r"虧損",
            r"减记",
            r"減記",
            r"计提",
            r"損失",
            r"损失",
        ),
        "vi": (
            r"lỗ",
            r"thua lỗ",
            r"khoản lỗ",
        ),
    },
    "market_size": {
        "en": (
            r"market (?:size|will|is|was|could|to reach|worth|reached|value|of)",
            r"(?:market|industry|sector) (?:is|was) (?:expected|forecast|projected|set) to",
            r"the market at",
            r"values that market",
            r"worth of the market",
            r"market (?:grew|grows|expand\w*|rose|reached|reach|to grow|to reach|to expand)",
            # "China's market for liquid-cooled AI servers will grow from ... to ...": its size
            r"market for [^,.;]{1,60}? (?:will |would |could |is expected to |is set to )?"
            r"(?:grow|expand|rise|reach|climb|top|hit|exceed)(?:s|ed|ing)?(?: from| to)?",
            r"size of",
            r"(?:worldwide|global) spending",
            r"(?:worldwide|global|industry|industry-wide) (?:[\w-]+ ){0,2}sales",
            r"spending worldwide",
            r"digital economy",
            r"gross merchandise value",
            r"gmv",
            # "the market for X will grow ..., and the scale will reach": its size
            r"~(?:its |the )?(?:scale|size) (?:(?:will|would|could|(?:is )?expected to|"
            r"(?:is )?set to|is forecast to) )?"
            r"(?:reach|hit|top|exceed)(?:es|ed|ing|s)?",
        ),
        "zh": (
            r"市场规模",
            r"市場規模",
            r"产业规模",
            r"產業規模",
            r"行业规模",
            r"数字经济",
            r"數字經濟",
            r"市场将达|市場將達",
            r"市场[^，。；]{0,20}?(?:达到|达|突破|超过)",
            r"市場[^，。；]{0,20}?(?:達到|將達|達|突破|超過)",
            r"市场产值|市場產值",
        ),
        "vi": (
            r"quy mô thị trường",
            r"thị trường .{0,40}đạt quy mô",
            r"đạt quy mô",
            r"quy mô",
            r"(?<!vốn hóa )(?<!vốn hoá )(?<!giá trị )thị trường[^,.;]{0,50}?(?:đạt|lên|đến|tới|khoảng)",
            r"kinh tế số",
            r"giá trị hàng hóa",
            r"gmv",
        ),
    },
    "other": {
        "en": (
            r"tax(?:es)?",
            r"dividends?",
            r"under management",
            r"manag(?:es|ed|ing) (?:about |some |around )?",
            r"trading (?:volume|value)",
            r"turnover of shares",
            r"fines?",
            r"penalt(?:y|ies)",
        ),
        "zh": (
            r"成交额",
            r"成交額",
            r"成交金额",
            r"税款",
            r"稅款",
            r"罚款",
            r"罰款",
            r"分红",
            r"分紅",
            r"股息",
            r"管理规模",
            r"管理規模",
        ),
        "vi": (r"tiền thuế", r"nộp", r"cổ tức", r"quản lý", r"giá trị giao dịch", r"tiền phạt"),
    },
}

PERCENT_TRIGGERS: dict[str, dict[str, tuple[str, ...]]] = {
    "market_share": {
        "en": (
            r"market share",
            r"share of (?:the )?(?:global |worldwide |chinese |china's |world )?"
            r"(?:market|shipments|sales|segment|revenue|spending|capacity)",
            r"(?:market|shipment|revenue) share",
            r"share",
            r"of the market",
            r"dominat(?:e|es|ed)",
            r"~controls?",
            r"~took",
            r"~takes?",
            r"~held",
            r"~holds?",
            r"accounted for .{0,30}shipments",
            r"of (?:the )?(?:\w+ ){0,4}(?:market|shipments)",
            r"accounted for [^,.;]{0,40}?(?:shipments|market|sales)",
        ),
        "zh": (
            r"市场份额",
            r"市場份額",
            r"市占率",
            r"市佔率",
            r"份额",
            r"份額",
            r"占有率",
            r"佔有率",
            r"出货量占比",
        ),
        "vi": (
            r"thị phần",
            r"chiếm lĩnh",
            r"thị trường",
        ),
    },
    "growth": {
        "en": (
            # "implying 21% upside", "a cut of about 44%": a price move, a fall
            r"upside",
            r"downside",
            r"(?:cut|reduction|hike|discount),? of",
            r"(?<!makes )(?<!make )(?<!made )(?<!making )up(?!\s+to\b)",
            r"down",
            r"ris(?:e|es|ing)",
            r"rose",
            r"gr(?:ew|ow|ows|owing|owth)",
            r"increas(?:e|ed|es|ing)",
            r"jump(?:ed|s)?",
            r"surg(?:e|ed|es)",
            r"soar(?:ed|s)?",
            r"climb(?:ed|s)?",
            r"gain(?:ed|s)?",
            r"f[ae]ll(?:s|ing)?",
            r"drop(?:ped|s)?",
            r"declin(?:e|ed|es|ing)",
            r"decreas(?:e|ed|es)",
            r"slump(?:ed|s)?",
            r"plung(?:e|ed|es)",
            r"tumbl(?:e|ed|es)",
            r"slid",
            r"shr[ai]nk",
            r"cut(?:s|ting)?",
            r"year[- ]on[- ]year",
            r"year[- ]over[- ]year",
            r"from a year",
            r"compound annual",
            r"cagr",
            r"a year between",
            r"annual rate",
            r"doubl",
            r"narrow(?:ed)?",
            r"widen(?:ed)?",
            r"expand(?:ed)?",
            r"boost(?:ed)?",
            r"rally",
            r"spiked?",
            r"add(?:ed|s)",
            r"lift(?:ed|s)?",
            r"improv(?:e|ed)",
            r"sequentially",
            r"quarter[- ]on[- ]quarter",
            r"reductions?",
            r"compound annual growth rate",
            r"growth rate",
        ),
        "zh": (
            r"同比",
            r"环比",
            r"環比",
            r"增长",
            r"增長",
            r"成长",
            r"成長",
            r"下降",
            r"下滑",
            r"上涨",
            r"上漲",
            r"增加",
            r"减少",
            r"減少",
            r"年增",
            r"年减",
            r"季增",
            r"提升",
            r"降幅",
            r"涨幅",
            r"漲幅",
            r"大涨",
            r"上升",
            r"降至",
            r"降",
            r"涨",
            r"漲",
            r"增",
            r"复合",
            r"複合",
            r"跌",
            r"复合增长率",
            r"複合增長率",
            r"年均复合增长率",
        ),
        "vi": (
            r"tăng(?: trưởng)?",
            r"giảm",
            r"~so với",
            r"cùng kỳ",
            r"tăng trưởng kép",
            r"cagr",
            r"gấp",
            r"sụt",
            r"đi xuống",
            r"mỗi năm",
            r"/năm",
        ),
    },
    "ratio": {
        "en": (
            # the part public money, the state or foreigners hold: a ratio, not a market share
            r"(?:public|state|government|foreign|private|local|equity) (?:share|funding share)",
            r"margins?",
            r"utili[sz]ation",
            r"stake",
            r"(?:is|are|was|were) (?:held|owned) by",  # "the remaining 30% is held by X": a stake
            r"of (?:its|the|their) (?:total|revenue|sales)",
            r"accounted for",
            r"accounts? for",
            r"account for",
            r"makes? up",
            r"made up",
            r"of it",
            r"of the total",
            r"per ?cent of",
            r"(?:share )?of (?:\w+ ){0,2}gdp",
            r"% of",
            r"percent of",
            r"occupancy",
            r"efficiency",
            r"tax",
            r"interest",
            r"owns?",
            r"owned",
            r"ratio",
            r"proportion",
            r"~rate",
            r"discount",
            r"lower than",
            r"below",
            r"cheaper",
            r"premium",
            r"of (?:its|their|the) ",
            r"of all",
            r"higher than",
        ),
        "zh": (
            r"毛利率",
            r"净利率",
            r"淨利率",
            r"利益率",
            r"利润率",
            r"占比",
            r"佔比",
            r"占",
            r"佔",
            r"比重",
            r"比例",
            r"使用率",
            r"利用率",
            r"上架率",
            r"持股",
            r"股权",
            r"股權",
            r"集中度",
            r"将用于",
            r"將用於",
            r"补贴",
            r"補貼",
            r"税",
            r"率",
        ),
        "vi": (
            r"biên lợi nhuận",
            r"tỷ lệ",
            r"tỉ lệ",
            r"chiếm",
            r"cổ phần",
            r"sở hữu",
            r"lấp đầy",
            r"hoàn thành",
            r"thấp hơn",
            r"cao hơn",
            r"kế hoạch",
            r"vốn",
            r"rẻ hơn",
            r"đắt hơn",
            r"đóng góp",
            r"tổng (?:doanh thu|lợi nhuận|vốn|số)",
        ),
    },
}

# Percent words that mean "a rate of change" only with a number right after them,
# so "up 32%" is growth but "a 32% share" is not.
GROWTH_AFTER = {
    "en": r"(?<![\w-])(?<!makes )(?<!make )(?<!made )(?:up|down|rose|fell|grew|jumped|climbed|gained|dropped|declined|surged|soared|slid|plunged|increased|decreased|rising|falling|cut|by|grow|rise|fall|growth of|increase of|drop of|decline of|gain of|jump of)\s+(?:by\s+)?(?:about|around|roughly|nearly|almost|more than|over|some|an estimated|as much as|up to)?\s*$",
    "zh": r"(?:同比|环比|環比|年|季|较上季|較上季|較去年同期|较去年同期|较上年|較上年)?(?:增长|增長|成长|成長|下降|下滑|上涨|上漲|增加|减少|減少|年增|年减|季增|提升|上升|大涨|涨|漲|降|跌|增)(?:了|约|約|逾|超|超过|超過|近|达|達|至)?\s*$",
    "vi": r"(?<![\w-])(?:tăng|giảm|tăng trưởng|sụt giảm|sụt)(?: thêm)?(?: khoảng| gần| hơn| trên| tới| đến)?\s*$",
}

# A money amount is stated as a loss when one of these stands right before it.
LOSS_RIGHT_BEFORE = {
    "en": r"(?<![\w-])(?:lost|lose|loses|losing|loss of|losses of|net loss of|wrote down|write-down of|charge of)\s+(?:about|around|nearly|more than|an estimated)?\s*$",
    "zh": r"(?:亏损|虧損|亏|虧|减记|計提|计提)(?:约|約|逾|超|达|達|了)?\s*$",
    "vi": r"(?<![\w-])(?:lỗ|thua lỗ)(?: sau thuế| trước thuế| ròng)?(?: khoảng| gần| hơn)?\s*$",
}

# ---------------------------------------------------------------- anaphora, modifiers

# A sentence with one of these, before its number, speaks of the subject of an earlier one.
ANAPHORA = {
    "en": r"\b(?:it|its|it's|the company|the company's|"
    # "the Tencent-backed company", "the two-year-old developer": a described subject
    r"the (?!(?:other|rival|parent|target|acquired|former|competing|partner|client|customer|"
    r"second|new|combined|merged|listed|smaller|larger|bigger)\b)(?:[\w’'-]+ ){1,2}?"
    r"(?:company|firm|group|start-?up|chipmaker|chip designer|operator|developer|manufacturer|"
    r"foundry|supplier|lender|carrier|cloud provider)(?:'s|’s)?(?=\W)|the firm|the firm's|the group|the group's|the start-?up|the startup's|the chipmaker|the chip ?maker|the chip designer|the designer|the operator|the lender|the unit|the business|the carrier|the maker|the cloud provider|the developer|the manufacturer|the foundry|the supplier|the centre|the center|the facility|the campus|the site|the plant|the machine|the system|the cluster|the deal|the round|the offering|the listing|the ipo|they|their|he|she|this|the latter)\b",
    "zh": r"(?:该|該|其(?=[营營收净淨利毛股市估总總研资資算一二首])|本轮|本輪|此次|是次|本次|上述|公司(?=[将將拟擬称稱表预預计計在于於的前上下全第今去当當本营營收净淨利毛综綜总總实實市估]))",
    "vi": r"(?:(?:công ty|doanh nghiệp|tập đoàn|đơn vị|hãng|nhà mạng|startup|ngân hàng|quỹ|trung tâm|nhà máy|dự án|siêu máy tính|hệ thống|thương vụ|vòng gọi vốn|con số|số vốn) (?:này|nói trên|trên)\b|số vốn (?:mới|huy động)\b|ban lãnh đạo\b|(?<!các )(?<!những )(?<!nhiều )(?:công ty|tập đoàn|hãng)\b(?! (?-i:[A-ZĐ])))",
}

# Sentence openings that carry the previous subject: a measure or a period, no name.
CARRY_OPENINGS = {
    "en": r"^\W*(?:(?:[\w-]+\s+){0,3}(?:revenue|revenues|sales|income|profit|margin|earnings|loss|losses|capex|spending|expenditure|utili[sz]ation|backlog|bookings|guidance|shares|stock|valuation|orders)\b|among them|of which|in particular|in the (?:first|second|third|fourth|same) (?:quarter|half)|in the quarter|for the (?:first|full|whole|quarter|year|same|second|third|fourth|nine|six)|for 20\d\d|in 20\d\d|over the|during the|the first (?:three|nine|six|two)|research and development|r&d|according to (?:the|its|this) plan|phase|the first phase|the second phase|a second phase|its|it)\b",
    "zh": r"^\W*(?:所得款项|所得款項|集资所得|集資所得|今年|去年|募集资金|募集資金|本次|此次|营收|營收|营业收入|營業收入|净利润|淨利潤|归母净利润|毛利率|收入|利润|利潤|亏损|虧損|股价|股價|市值|估值|前三季度|前三季|前兩季|前两季|累计|累計|上半年|下半年|第[一二三四]季度?|分季度看|单季|單季|全年|20\d\d年|截至|财务方面|財務方面|其中|同期|此外|另外|目前|一期|二期|三期)",
    "vi": r"^\W*(?:doanh thu|lợi nhuận|biên lợi nhuận|vốn hóa|cổ phiếu|riêng|khối|mảng|bộ phận|giá thuê|trong (?:quý|năm|nửa|6|9)|quý|năm 20\d\d|6 tháng|9 tháng|lũy kế|giai đoạn|theo thiết kế|như vậy|ngoài ra|bên cạnh đó|trong đó|theo kế hoạch|khi (?:hoàn thành|hoàn tất|đi vào hoạt động|vận hành))",
}

# Patterns around a name that make it not the number's owner ("Nvidia-backed X", "led by Y").
MODIFIER_AFTER = {
    "en": r"^(?:-backed|-based|-led|-owned|-controlled|-listed|-linked|-supported|-designed|-made|-built|-powered|-style|-class|-compatible|-funded| backed| based| designed| made| chips?\b| gpus?\b| accelerators?\b| servers?\b| processors?\b| h\d+| a\d+| b\d+|(?: (?-i:[A-Z][\w-]*)){1,2} (?:chips?|gpus?|accelerators?|processors?)\b|(?:'s|’s) (?:[\w-]+ ){0,4}?(?:arm|unit|subsidiary|division|business)\b| lent\b| lends\b| loaned\b)",
    "zh": r"^(?:(?:公告称|公告稱|表示|宣布)?[，,]\s*其(?:控股|全资|全資)?子公司|支持|投资的|投資的|领投|領投|跟投|旗下|入股|背景|系|芯片|GPU|的芯片|的GPU|加速卡)",
    "vi": r"^(?: hậu thuẫn| rót vốn| dẫn dắt| dẫn đầu)",
}
MODIFIER_BEFORE = {
    "en": r"(?<![\w-])(?:backed by|led by|co-led by|funded by|built around|based on|powered by|owned by|from|with|including|includes?|such as|like|investors|customers?|clients?|partners?|than|founded by|co-founded by|former|ex-|formerly of|(?:ceo|chief executive|founder|co-founder|chairman|president|head|chief \w+ officer) of|(?:between|among)\s+(?:[\w'’-]+\s+){0,6}and|against|versus|vs\.?|over|ahead of|behind|to|of|for|as|at|by|beat|on|undercutting|supplying|supplies|sells? to|selling to|using|uses?|with|(?:stakes?|shares|interest|equity) in|whose backers include|whose investors include|and rivals?)\s+(?:the\s+)?$",
    "zh": r"(?:由|与|與|向|从|從|给|給|对|對|比|如|包括|为|為|替|跟|同|客户|客戶|如同|联合|聯合|创始人|創始人|收购|收購|持有|搭载|搭載|采用|採用|基于|基於|使用|配备|配備)\s*$",
    "vi": r"(?:bởi|từ|với|cho|như|gồm|bao gồm|so với|hơn|khách hàng|đối tác|cùng|nhà sáng lập|sáng lập|cổ phần(?: của)?(?: công ty(?: cổ phần| tnhh)?)?|mua lại|được|trình|(?:phó )?(?:cục trưởng|vụ trưởng|viện trưởng|giám đốc|tổng giám đốc|chủ tịch|bộ trưởng|thứ trưởng))\s+$",
}

# "according to X", "theo X", "据X": a source, not an owner.
SOURCE_BEFORE = {
    "en": r"(?:according to|data from|figures from|research firm|research group|analysts at|estimates? by|report by|,? said|,? says"
    # "according to Jane Roe, chief executive of X,": the speaker's company is a source too
    r"|according to [A-Z][^,]{1,40},\s+(?:[\w-]+\s+){1,4}(?:of|at))\s+(?:the\s+)?$",
    "zh": r"(?:据|據|根据|根據|来源|來源)\s*$",
    "vi": r"(?:theo|số liệu của|(?<!trung tâm )dữ liệu của|báo cáo của"
    # "Theo ông Lê Quang Vinh, CEO của Sao Việt,": the speaker's company is a source too
    r"|theo (?:ông|bà|anh|chị) [^,]{1,40},\s+(?:[\w-]+\s+){1,5}(?:của|tại))\s+$",
}

# Names the unknown-name finder must never take for organisations.
NOT_NAMES = frozenset(
    """
    the a an in on at for of to and or but as by with from this that these those it its
    their our his her they we he she after before since while when where which who whose
    according however meanwhile also still yet now then today yesterday tomorrow last next
    revenue sales profit shares stock net gross operating quarter year month week day
    first second third fourth fiscal half nine six twelve billion million trillion percent
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    president premier minister chancellor mr ms mrs dr prof sir ceo founder chairman chairwoman
    new york london beijing shanghai hong kong tokyo seoul taipei singapore hanoi europe asia africa
    list research researchers rival rivals shares stocks analysts officials executives
    monday tuesday wednesday thursday friday saturday sunday
    ai gpu gpus cpu cpus ipo ceo cfo cto hbm dram nand ram tpu npu llm dc idc it ev eu un us uk
    series round chips chip data centre center centres centers cloud computing compute
    quick hits photo source read more related subscribe thanks english version
    capacity capital price prices government state national federal minister ministry
    president chairman chief executive officer analysts analyst investors market markets
    company companies group start-up startup startups firm firms bank banks fund funds
    north south east west central new old big small top
    exaflops petaflops teraflops flops exaflop petaflop h100 h200 b200 gb200 a100
    tập công ty cổ phần đoàn theo trong năm quý ông bà anh chị tại với và của cho
    """.split()
)


class TriggerTable:
    """A language's trigger words for one kind of number, found in one pass.

    ``entries[rank]`` is ``(measure, pattern, weak)``: a word written ``~word`` in
    the lexicon is weak (it gives the measure only when no plain trigger is as
    near). Words of an alphabetic script match whole words only, Chinese ones
    anywhere, all regardless of case. ``find`` returns what each entry's pattern
    would (``(start, end, rank)``, non-overlapping per entry), but the words that
    expand to a finite set of strings are looked up in a ``PhraseIndex`` over the
    casefolded text, and only the rest are scanned as expressions.
    """

    def __init__(self, entries: list[tuple[str, list[str], list[str], bool]]) -> None:
        self.entries: list[tuple[str, re.Pattern[str], bool]] = []
        phrases: list[tuple[str, tuple[int, bool]]] = []
        rest: list[tuple[int, Gate]] = []
        for rank, (measure, cjk, latin, weak) in enumerate(entries):
            self.entries.append((measure, _trigger_pattern(cjk, latin), weak))
            left_cjk, left_latin = [], []
            for words, bounded, left in ((cjk, False, left_cjk), (latin, True, left_latin)):
                for word in words:
                    strings = expand(word)
                    if strings is None:
                        left.append(word)
                    else:
                        phrases.extend((s.casefold(), (rank, bounded)) for s in strings)
            if left_cjk or left_latin:
                rest.append((rank, Gate(_trigger_pattern(left_cjk, left_latin))))
        self.phrases = PhraseIndex(phrases)
        self.rest = rest

    def find(
        self,
        text: str,
        folded: str | None,
        start: int,
        end: int,
        scans: Scans | None = None,
        gated: str | None = None,
        present: tuple[set[int], int] | None = None,
    ) -> list[tuple[int, int, int]]:
        """Each entry's matches in ``text[start:end]``; ``folded`` is ``text.casefold()``
        when that has the same length (else every entry is scanned as an expression),
        ``scans`` the folded text's ``Scans`` when the caller has them, ``gated`` the
        casefolded text the expressions' gates may read (``literals.gate_text``): an
        expression none of whose needles stands in the range is not run (``present``:
        the needles found in a range holding this one, ``Gate.may``)."""
        if folded is None:
            return [
                (m.start(), m.end(), rank)
                for rank, (_, pattern, _) in enumerate(self.entries)
                for m in pattern.finditer(text, start, end)
            ]
        found = []
        reached: dict[int, int] = {}
        for s, e, (rank, bounded) in self.phrases.find(folded, start, end, scans):
            if s < reached.get(rank, -1):
                continue  # as a regular expression's scan: matches of one entry do not overlap
            if bounded and (
                (s > 0 and (folded[s - 1].isalnum() or folded[s - 1] in "_-"))
                or (e < len(folded) and (folded[e].isalnum() or folded[e] == "_"))
            ):
                continue
            reached[rank] = e
            found.append((s, e, rank))
        needles, looked = present if present is not None else (None, -1)
        for rank, gate in self.rest:  # ``Gate.may``, inline
            if needles is not None and gate.top <= looked:
                if any(map(needles.isdisjoint, gate.groups)):
                    continue
            elif not gate.possible(text, gated, start, end):
                continue
            found.extend(
                (m.start(), m.end(), rank) for m in gate.pattern.finditer(text, start, end)
            )
        return found


def _trigger_pattern(cjk: list[str], latin: list[str]) -> re.Pattern[str]:
    parts = []
    if cjk:
        parts.append("|".join(sorted(cjk, key=len, reverse=True)))
    if latin:
        alternatives = "|".join(sorted(latin, key=len, reverse=True))
        parts.append(rf"(?<![\w-])(?:{alternatives})(?![\w])")
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def compile_triggers(table: dict[str, dict[str, tuple[str, ...]]], lang: str) -> TriggerTable:
    """The trigger words per measure for ``lang`` (English words for every language too)."""
    entries = []
    for measure, by_lang in table.items():
        own = list(by_lang.get(lang, ())) if lang != "en" else []
        english = list(by_lang.get("en", ()))
        for weak in (False, True):

            def pick(words: list[str], weak: bool = weak) -> list[str]:
                return [w[1:] if weak else w for w in words if w.startswith("~") == weak]

            cjk = pick(own) if lang == "zh" else []
            latin = pick(english) + ([] if lang == "zh" else pick(own))
            if cjk or latin:
                entries.append((measure, cjk, latin, weak))
    return TriggerTable(entries)
