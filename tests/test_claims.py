"""Claims: what each number measures, whose it is, where and when (newsfacts.claims).

Cases are written for these tests, one sentence or a short story each, in English,
Chinese and Vietnamese; the claim gold in ``samples/claims`` scores the same rules
on whole articles (``tests/test_claims_eval.py``).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsfacts.claims import MEASURES
from newsfacts.claims.periods import find_periods
from newsfacts.claims.places import find_places
from newsfacts.claims.sentences import split_sentences
from newsfacts.model import Fact, RawDocument
from newsfacts.pipeline import process_documents
from newsfacts.settings import Settings
from tests.conftest import SAMPLES

CLAIM_ARTICLES = Path(__file__).resolve().parents[1] / "samples" / "claims" / "articles"


def labelled(text: str, settings: Settings | None = None) -> list[Fact]:
    """The labelled facts of a plain-text article (its first line is the title)."""
    content = text.encode("utf-8")
    raw = RawDocument(
        "memory://claims.txt",
        content,
        "text/plain",
        hashlib.sha256(content).hexdigest(),
        datetime(2026, 1, 1, tzinfo=UTC),
    )
    batch = process_documents([raw], settings or Settings())
    assert not batch.errors, batch.errors
    return next(iter(batch.facts.values()))


def fact(text: str, number: str, settings: Settings | None = None) -> Fact:
    found = [f for f in labelled(text, settings) if f.text == number]
    assert found, f"no fact {number!r} in {[f.text for f in labelled(text, settings)]}"
    return found[0]


STORY = "Markets roundup\n\n{}\n"


def assert_claim(text: str, number: str, measure: str, organisation: str | None) -> None:
    """``number`` in ``text`` (a story's body) measures ``measure`` and is ``organisation``'s."""
    f = fact(STORY.format(text), number)
    assert (f.measure, f.organisation) == (measure, organisation), (
        f.measure_evidence,
        f.subject_text,
        f.organisation_evidence,
    )


# (sentence, number, measure, organisation)
CASES = [
    # English: the subject raises, invests, earns; modifiers and sources own nothing
    ("SoftBank-backed Kestrel Robotics raised $120 million in a Series B round.",
     "$120 million", "funding", "Kestrel Robotics"),
    ("Nvidia's revenue rose 12% to $40 billion in the quarter.", "$40 billion", "revenue",
     "Nvidia"),
    ("Nvidia's revenue rose 12% to $40 billion in the quarter.", "12%", "growth", "Nvidia"),
    ("Qualcomm agreed to buy Alphawave for $2.4 billion in cash.", "$2.4 billion", "deal_value",
     "Qualcomm"),
    ("Microsoft plans to invest $80 billion in data centres this fiscal year.", "$80 billion",
     "investment", "Microsoft"),
    ("Samsung and SK Hynix together hold 90% of the HBM market.", "90%", "market_share", None),
    ("According to IDC, the AI server market will reach $200 billion in 2028.", "$200 billion",
     "market_size", None),
    ("SK Hynix leads with a 60% share, ahead of Micron at 20% and Samsung at 15%.", "20%",
     "market_share", "Micron"),
    ("SK Hynix leads with a 60% share, ahead of Micron at 20% and Samsung at 15%.", "15%",
     "market_share", "Samsung"),
    ("Oracle's gross margin narrowed to 70.1% from 72.3%.", "70.1%", "ratio", "Oracle"),
    ("AMD posted a net loss of $43 million for the quarter.", "$43 million", "loss", "AMD"),
    ("Shares of Intel closed at $24.50 on Friday.", "$24.50", "price", "Intel"),
    ("CoreWeave was valued at $23 billion after the listing.", "$23 billion", "valuation",
     "CoreWeave"),
    ("Lambda rents H100 capacity at $2.49 per GPU-hour.", "$2.49", "price", "Lambda"),
    ("Broadcom, which designs chips for Google and Meta, expects AI revenue of $12 billion.",
     "$12 billion", "revenue", "Broadcom"),
    # Chinese
    ("寒武纪2025年前三季度营业收入46.07亿元，同比增长2386%。", "46.07亿元", "revenue", "Cambricon"),
    ("寒武纪2025年前三季度营业收入46.07亿元，同比增长2386%。", "2386%", "growth", "Cambricon"),
    ("摩尔线程完成新一轮融资，金额达25亿元。", "25亿元", "funding", "Moore Threads"),
    ("英伟达在中国市场的份额已从95%降至约50%。", "50%", "market_share", "Nvidia"),
    ("华为、寒武纪的市场份额分别为30%和5%。", "5%", "market_share", "Cambricon"),
    ("中国AI芯片市场规模将达到1万亿元。", "1万亿元", "market_size", None),
    ("腾讯计划投资100亿元建设智算中心。", "100亿元", "investment", "Tencent"),
    # Vietnamese
    ("Doanh thu của FPT đạt 17.000 tỷ đồng, tăng 10% so với cùng kỳ.", "17.000 tỷ đồng", "revenue",
     "FPT"),
    ("Doanh thu của FPT đạt 17.000 tỷ đồng, tăng 10% so với cùng kỳ.", "10%", "growth", "FPT"),
    ("Viettel đầu tư 2.000 tỷ đồng xây trung tâm dữ liệu mới tại Bình Dương.", "2.000 tỷ đồng",
     "investment", "Viettel"),
    ("VNPT chiếm khoảng 25% thị phần trung tâm dữ liệu.", "25%", "market_share", "VNPT"),
    ("Thị trường trung tâm dữ liệu Việt Nam được dự báo đạt 1,5 tỷ USD vào năm 2030.",
     "1,5 tỷ USD", "market_size", None),
    # prices per unit, growth "by up to" / "an increase of", shares of GDP, "backed by"
    ("Electricity in northern Sweden costs about $0.04 per kilowatt-hour for large users.",
     "$0.04", "price", None),
    ("Vultr rents B200 servers at $5.20/hour on its public cloud.", "$5.20", "price", "Vultr"),
    ("Arm's stock rose 4% to a close of $41.20 on Tuesday.", "$41.20", "price", "Arm"),
    ("Oracle cut list prices for its GPU instances by up to 30% in March.", "30%", "growth",
     "Oracle"),
    ("Server shipments reached 12 million units, an increase of 18% on the year before.", "18%",
     "growth", None),
    ("Vietnam wants its digital economy to reach 20% of GDP by 2025.", "20%", "ratio", None),
    ("Nokia agreed to buy Infinera, backed by Oaktree, for $2.3 billion.", "$2.3 billion",
     "deal_value", "Nokia"),
    ("According to Equinix, the campus will cost about $500 million.", "$500 million",
     "investment", "Equinix"),
    # Chinese: 比重 is no comparison, /股 a price, 投资方 the investors
    ("华为云业务收入同比增长20%，占总收入的比重为15%。", "15%", "ratio", "Huawei Cloud"),
    ("中芯国际报收于85元/股，总市值约6800亿元。", "85元", "price", "SMIC"),
    ("智谱完成新一轮融资，金额约30亿元，投资方包括多家国资基金。", "30亿元", "funding", "Zhipu AI"),
    # Vietnamese: a data centre unit's revenue, market capitalisation, "theo" a company or a firm
    ("Doanh thu từ mảng trung tâm dữ liệu của Viettel đạt 3.000 tỷ đồng trong năm 2024.",
     "3.000 tỷ đồng", "revenue", "Viettel"),
    ("Vốn hóa thị trường của FPT hiện vào khoảng 180.000 tỷ đồng.", "180.000 tỷ đồng",
     "valuation", "FPT"),
    ("Giá điện cho các trung tâm dữ liệu ở Đà Nẵng khoảng 2.000 đồng/kWh.", "2.000 đồng", "price",
     None),
    ("Mảng viễn thông của VNPT đóng góp 40% tổng doanh thu trong quý.", "40%", "ratio", "VNPT"),
    ("Theo Viettel, cụm GPU mới tại Hòa Lạc đạt hiệu năng 1,2 exaFLOPS.", "1,2 exaFLOPS",
     "computing_power", "Viettel"),
    ("Theo IDC, doanh thu dịch vụ đám mây tại Việt Nam đạt 1 tỷ USD trong năm 2024.", "1 tỷ USD",
     "revenue", None),
    ("Theo Lotus Digital Cloud, cụm GPU mới đạt 0,6 exaFLOPS.", "0,6 exaFLOPS", "computing_power",
     "Lotus Digital Cloud"),
    ("Theo Mekong Research Institute, doanh thu đám mây tăng 20%.", "20%", "growth", None),
    # Vietnamese owners: "của X" after the number, a stake's company and an official's agency
    # own nothing, a leader "dẫn đầu với", a one-word brand with a capital inside
    ("Khoảng 70% doanh thu quý III của CMC Telecom đến từ khách hàng doanh nghiệp.", "70%",
     "ratio", "CMC Telecom"),
    ("Quỹ Mekong Capital dẫn dắt vòng gọi vốn 20 triệu USD của startup MimoSense.",
     "20 triệu USD", "funding", "MimoSense"),
    ("Quỹ GIC hiện nắm 15% cổ phần VNG, sau khi chi 200 triệu USD vào năm 2021.", "200 triệu USD",
     "investment", "GIC"),
    ("Bà Nguyễn Thị Lan, Phó Cục trưởng Cục Đầu tư nước ngoài, cho biết giá điện tại Bình Dương "
     "khoảng 0,07 USD/kWh.", "0,07 USD", "price", None),
    ("VNPT dẫn đầu với 20% thị phần trung tâm dữ liệu, tiếp theo là Viettel IDC (18%).", "20%",
     "market_share", "VNPT"),
    ("Cụm máy chủ của MimoCloud tại Đà Nẵng đạt hiệu năng 1,5 exaFLOPS.", "1,5 exaFLOPS",
     "computing_power", "MimoCloud"),
    # English owners: "reported that X" (no "at" inside "that"), kinds of company, a country's
    # word, the maker of the chips a machine is built around
    ("Reuters reported that Anthropic had agreed to spend $30 billion on Azure capacity.",
     "$30 billion", "investment", "Anthropic"),
    ("European AI start-ups raised €2 billion in the quarter.", "€2 billion", "funding", None),
    ("Japan's AI investment rose 12% last year.", "12%", "growth", None),
    ("The new cluster, built around Huawei's Ascend chips, cost 3 billion yuan.",
     "3 billion yuan", "investment", None),
    # Chinese: the company a stake is bought in is not the buyer
    ("联想拟以15亿美元收购浪潮信息20%股权。", "20%", "ratio", "Lenovo"),
    # comparisons and passive holders: the name after the number owns it
    ("Intel's server sales rose 9%, compared with 31% for AMD.", "31%", "growth", "AMD"),
    ("Broadcom's margin was 64%, against 71% at Nvidia.", "71%", "ratio", "Nvidia"),
    ("Orbital Grid owns 60% of the venture; the other 40% is held by Tamsin Ventures.",
     "40%", "ratio", "Tamsin Ventures"),
    # the company a stake is in owns nothing; "including debt" is an acquisition's value
    ("Last year the group bought 25% shares of Harbor Peak Cloud.", "25%", "ratio", None),
    ("Quorra Capital agreed to acquire Lumen Halls for $2.1 billion including debt.",
     "$2.1 billion", "deal_value", "Quorra Capital"),
    # a lender lends; the borrower raises the loan
    ("The Asian Development Bank lent Bintang Compute $90 million.", "$90 million", "funding",
     "Bintang Compute"),
    # a unit's or an arm's parent does not own the unit's contract; GPUs' maker owns nothing
    ("Mitsui's cloud arm won a ¥40 billion order.", "¥40 billion", "deal_value", None),
    # a parent's unit named after its descriptor is the one acting, however long the descriptor
    ("Baidu's intelligent electric vehicle arm JIDU raised $400 million in a Series A.",
     "$400 million", "funding", "Jidu"),
    ("Tencent's cloud unit Tencent Cloud plans to invest $1 billion in Saudi Arabia.",
     "$1 billion", "investment", "Tencent Cloud"),
    ("Nordvik Energy's fast-growing data centre subsidiary Nordvik Compute raised €80 million.",
     "€80 million", "funding", "Nordvik Compute"),
    ("Samsung's memory chip division reported revenue of $20 billion.", "$20 billion",
     "revenue", None),
    # the share public money or foreigners hold is a ratio; a share of a market stays one
    ("The state share in the Lisbon campus is 30%.", "30%", "ratio", None),
    ("Foreign share of the venture rose to 49% under the new law.", "49%", "ratio", None),
    ("Its public share stands at 35%, the rest coming from banks.", "35%", "ratio", None),
    ("Orbital Grid's share of the Nordic colocation market is 12%.", "12%",
     "market_share", "Orbital Grid"),
    # a market's scale or size reaching an amount is the market's size, not the story's money
    ("The market for China's IDC services will grow 28% a year, and the scale will reach "
     "320 billion yuan in 2022.", "320 billion yuan", "market_size", None),
    ("Liquid cooling is booming, with its size expected to top $8 billion.", "$8 billion",
     "market_size", None),
    ("Demand for AI servers keeps rising; the size could hit $150 billion by 2027.",
     "$150 billion", "market_size", None),
    ("Under the plan the investment scale will reach 100 billion yuan.", "100 billion yuan",
     "investment", None),
    ("The hall holds 8,000 Nvidia Blackwell GPUs rated at 0.5 exaflops.", "0.5 exaflops",
     "computing_power", None),
    # a place after "near" is no company; a verb after an unknown name makes it one
    ("The campus near Lillehammer will cost €300 million.", "€300 million", "investment", None),
    ("Shares of Corvid Micro fell 14% on Friday.", "14%", "growth", "Corvid Micro"),
    ("The filing shows Heliotrope already owns a 12% stake in the lab.", "12%", "ratio",
     "Heliotrope"),
    # measures: profit after tax, an industry's sales, a stake held by, an acquisition's price
    ("Profit after tax reached 940 billion VND.", "940 billion VND", "profit", None),
    ("Global smartphone chip sales reached $41 billion in the quarter.", "$41 billion",
     "market_size", None),
    ("Tập đoàn CMC mua lại 51% cổ phần của Công ty TNHH Mạng Bắc Giang với giá 300 tỷ đồng.",
     "300 tỷ đồng", "deal_value", "CMC"),
    ("Tập đoàn CMC mua lại 51% cổ phần của Công ty TNHH Mạng Bắc Giang với giá 300 tỷ đồng.",
     "51%", "ratio", "CMC"),
    ("UBND TP.HCM dành 800 tỷ đồng cho các phòng thí nghiệm AI.", "800 tỷ đồng", "investment",
     "Ho Chi Minh City People's Committee"),
    # Chinese: a province or city setting up a fund is its government; a subsidiary acts
    ("浙江省设立规模20亿元的算力基金。", "20亿元", "investment", "Zhejiang Provincial Government"),
    ("江苏省设立规模20亿元的算力基金，首期出资5亿元。", "5亿元", "investment",
     "Jiangsu Provincial Government"),
    ("海光信息发布三季报，江苏省设立30亿元专项资金。", "30亿元", "investment",
     "Jiangsu Provincial Government"),
    ("中科曙光公告称，其控股子公司曙光数创拟以2亿元收购一家公司。", "2亿元", "deal_value",
     "Sugon DataEnergy"),
    ("特區政府撥款20億港元資助人工智能研究。", "20億港元", "investment",
     "Government of Hong Kong"),
    ("The Norwegian government set aside NOK 500 million for AI.", "NOK 500 million",
     "investment", "Government of Norway"),
    # an operator named "... Data Centres": the two words are its suffix, not words to drop
    ("Kestrel Data Centres' revenue rose 18% to £92 million.", "£92 million", "revenue",
     "Kestrel Data Centres"),
    ("Brightwater Data Centers raised $300 million from pension funds.", "$300 million",
     "funding", "Brightwater Data Centers"),
    ("Fjordline Data Centres was valued at NOK 9 billion.", "NOK 9 billion", "valuation",
     "Fjordline Data Centres"),
    ("Sable Data Centers' market share reached 14% in Texas.", "14%", "market_share",
     "Sable Data Centers"),
    # an amount "of" (的) revenue is revenue, lost or not; a loss alone stays a loss
    ("受出口限制影响，寒武纪将损失约12亿元的海外销售收入。", "12亿元", "revenue",
     "Cambricon"),
    ("海光信息今年或损失约5亿元的服务器收入。", "5亿元", "revenue", "Hygon"),
    ("寒武纪第三季度因存货减值损失约3亿元。", "3亿元", "loss", "Cambricon"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "number", "measure", "organisation"), CASES)
def test_measure_and_owner(
    sentence: str, number: str, measure: str, organisation: str | None
) -> None:
    assert_claim(sentence, number, measure, organisation)


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Apex Data Centres: $2 billion.", "$2 billion"),
        ("Analysts value Fjordline Data Centres at NOK 9 billion.", "NOK 9 billion"),
    ],
)
def test_a_trigger_word_inside_a_name_is_the_names(sentence: str, number: str) -> None:
    f = fact(STORY.format(sentence), number)
    assert f.measure == "other" and f.measure_evidence == "no trigger in the sentence"
    assert f.organisation is not None and f.organisation.endswith("Data Centres")


@pytest.mark.parametrize(
    ("sentence", "number", "name"),
    [
        # a word of two syllables capitalises its first only: "Hạ tầng", "Giải pháp"
        ("Công ty Cổ phần Hạ tầng Số Bình Minh vừa huy động 1.500 tỷ đồng trái phiếu.",
         "1.500 tỷ đồng", "Hạ tầng Số Bình Minh"),
        ("Công ty TNHH Giải pháp Dữ liệu Mekong, một doanh nghiệp trẻ, trúng thầu 86 tỷ đồng.",
         "86 tỷ đồng", "Giải pháp Dữ liệu Mekong"),
        ("Công ty Cổ phần Điện toán Đám mây Phương Nam đạt doanh thu 420 tỷ đồng.",
         "420 tỷ đồng", "Điện toán Đám mây Phương Nam"),
        ("Công ty CP Công nghệ Sông Hàn công bố lợi nhuận 35 tỷ đồng.", "35 tỷ đồng",
         "Công nghệ Sông Hàn"),
        ("Tổng công ty Hạ tầng Mạng Bắc Việt đầu tư 2.000 tỷ đồng vào trung tâm dữ liệu.",
         "2.000 tỷ đồng", "Hạ tầng Mạng Bắc Việt"),
        # a small letter where a capital was due: a capital within two syllables keeps it
        ("Công ty Cổ phần Hạ tầng số Kinh Bắc vừa huy động 900 tỷ đồng.", "900 tỷ đồng",
         "Hạ tầng số Kinh Bắc"),
    ],
)  # fmt: skip
def test_a_vietnamese_company_name_runs_over_its_lowercase_second_syllables(
    sentence: str, number: str, name: str
) -> None:
    f = fact("Tin tức\n\n" + sentence + "\n", number)
    assert f.organisation == name, (f.subject_text, f.organisation_evidence)


@pytest.mark.parametrize(
    ("text", "number", "organisation"),
    [
        # a Chinese name the table lacks, by its company word, where a description ends
        ("获多家基金投资的推理芯片公司星曜智能科技有限公司（下称“星曜智能”）拟募资12亿元。",
         "12亿元", "星曜智能"),
        ("招股书显示，星曜智能2025年收入为4.86亿元。", "4.86亿元", "星曜智能"),
        ("初创企业云栈科技宣布完成3亿元B轮融资。", "3亿元", "云栈科技"),
        ("據公告，雲棧科技上半年虧損1.2億元。", "1.2億元", "雲棧科技"),
        ("北辰半导体股份有限公司今年营收达到18亿元。", "18亿元", "北辰半导体"),
        ("深圳市工业和信息化局日前印发方案，每年安排5亿元算力券。", "5亿元",
         "深圳市工业和信息化局"),
        ("杭州市经济和信息化局今年安排2亿元支持智算中心。", "2亿元", "杭州市经济和信息化局"),
        # a field, a kind of fund, capital spending: no name
        ("中国人工智能市场规模将达到500亿元。", "500亿元", None),
        ("企业租用智能算力可获得30%的补贴。", "30%", None),
        ("全国已有20个省市设立人工智能相关产业基金，总规模逾3000亿元。", "3000亿元", None),
        # the officials concerned of a body comment on figures that are not the body's
        ("贵州省能源局有关负责人表示，当地数据中心电价比东部低30%。", "30%", None),
        ("成都市经济和信息化局有關負責人介紹，全市智算中心上架率超過70%。", "70%", None),
    ],
)  # fmt: skip
def test_a_chinese_name_the_table_lacks_is_found_by_its_form(
    text: str, number: str, organisation: str | None
) -> None:
    f = fact("科技快讯\n\n" + text + "\n", number)
    assert f.organisation == organisation, (f.subject_text, f.organisation_evidence)


@pytest.mark.parametrize(
    ("text", "number", "measure", "organisation"),
    [
        # a subject described, not named, carries the one before it
        ("Lumenrack Systems filed for a listing on Monday.\n\nThe Tencent-backed company plans "
         "to raise HK$3.9 billion.", "HK$3.9 billion", "funding", "Lumenrack Systems"),
        ("Orbital Grid Networks unveiled its plans on Tuesday. The two-year-old developer will "
         "spend $400 million on the site.", "$400 million", "investment", "Orbital Grid Networks"),
        ("Xinwei Semiconductor listed in Shanghai in May. The Shenzhen-based chipmaker's revenue "
         "rose to $120 million.", "$120 million", "revenue", "Xinwei Semiconductor"),
        # a source ends at its comma; a list of sources does not
        ("According to Counterpoint Research, SK Hynix held 57% of the HBM market.", "57%",
         "market_share", "SK Hynix"),
        ("According to TrendForce, Samsung's revenue fell to $9 billion.", "$9 billion",
         "revenue", "Samsung"),
        ("According to Google, Temasek and Bain, investors put $5 billion into the region.",
         "$5 billion", "investment", None),
        # legal forms written with stops or in other languages are part of the name, not kept
        ("Arcadia Compute Sdn. Bhd., a young developer, plans to invest $3.2 billion in Johor.",
         "$3.2 billion", "investment", "Arcadia Compute"),
        ("Lumen Asia Pte. Ltd. raised $5 million in a seed round.", "$5 million", "funding",
         "Lumen Asia"),
        ("Helsinki-based Kuura Compute Oy agreed to buy the site for €410 million.",
         "€410 million", "deal_value", "Kuura Compute"),
        ("Volta Grid S.A. will spend €90 million on a second hall.", "€90 million",
         "investment", "Volta Grid"),
        # a description before a name is not the name
        ("Little-known Arcadia Compute plans $3.2 billion AI campus", "$3.2 billion",
         "investment", "Arcadia Compute"),
        ("Loss-making Brightline Robotics raised $40 million from its backers.", "$40 million",
         "funding", "Brightline Robotics"),
        # a unit's purchase is its parent's; bonds sold are money raised
        ("A unit of Alibaba agreed to subscribe for $180 million of the shares.", "$180 million",
         "investment", "Alibaba"),
        ("A subsidiary of Tencent subscribed for HK$500 million of the offering.",
         "HK$500 million", "investment", "Tencent"),
        ("Oracle sold $18 billion of bonds on Monday.", "$18 billion", "funding", "Oracle"),
    ],
)  # fmt: skip
def test_unseen_forms_of_subjects_and_sources(
    text: str, number: str, measure: str, organisation: str | None
) -> None:
    assert_claim(text, number, measure, organisation)


@pytest.mark.parametrize(
    ("text", "number", "measure", "organisation"),
    [
        # a company's revenue from a market is its revenue, not the market's size
        ("FPT công bố kết quả kinh doanh.\n\nDoanh thu từ thị trường nước ngoài của FPT đạt "
         "28.400 tỷ đồng.", "28.400 tỷ đồng", "revenue", "FPT"),
        ("Microsoft reported its results. Revenue from the North American market reached "
         "$2.1 billion.", "$2.1 billion", "revenue", "Microsoft"),
        ("FPT công bố kết quả kinh doanh. Trong đó, doanh thu từ thị trường Nhật Bản của công ty "
         "tăng 27%.", "27%", "growth", "FPT"),
        # a share of shipments or of a market, next to a share of revenue
        ("据IDC统计，中国AI加速卡出货量中，华为昇腾占比约为28%。", "28%", "market_share",
         "Huawei"),
        ("在国内服务器市场，浪潮信息以约35%的份额居首，中科曙光约占11%。", "11%",
         "market_share", "Sugon"),
        ("Trên thị trường điện toán đám mây, Viettel chiếm khoảng 25%.", "25%", "market_share",
         "Viettel"),
        ("台積電表示，3奈米出貨佔晶圓銷售金額23%。", "23%", "ratio", "TSMC"),
        ("Xuất khẩu phần mềm của FPT chiếm 45,2% tổng doanh thu.", "45,2%", "ratio", "FPT"),
        # a market's size in other words; a price move; a share of a market
        ("Frost & Sullivan estimates that China's market for liquid-cooled servers will grow "
         "from 21 billion yuan in 2025.", "21 billion yuan", "market_size", None),
        ("集邦科技預估，2027年全球AI伺服器市場產值將達4,200億美元。", "4,200億美元", "market_size",
         None),
        ("据测算，全国智算市场规模将达到800亿元。", "800亿元", "market_size", None),
        ("Analysts rate Broadcom a buy, implying 21% upside.", "21%", "growth", "Broadcom"),
        ("The government approved a price cut, of about 44%, from January.", "44%", "growth",
         None),
        ("China's AI chip market reached $52 billion, of which Huawei's Ascend line accounts "
         "for roughly 41%.", "41%", "market_share", "Huawei"),
        # a valuation in machine-translated Chinese; a server carrying a chip is not the chip's
        ("甲骨文股价上涨，这给了该公司一个市场价值大约9220亿美元。", "9220亿美元", "valuation",
         "Oracle"),
        ("市场人士透露，目前搭载华为昇腾910B的服务器，单卡每小时租赁价格约为8至12元。", "8至12元",
         "price", None),
        # revenue of a segment named after data centres is revenue, not an investment
        ("AMD công bố kết quả quý 3. Doanh thu từ phân khúc trung tâm dữ liệu của công ty đã "
         "tăng lên 4,3 tỷ đô la.", "4,3 tỷ đô la", "revenue", "AMD"),
        ("Doanh thu mảng trung tâm dữ liệu của Viettel IDC đạt 1.200 tỷ đồng.", "1.200 tỷ đồng",
         "revenue", "Viettel IDC"),
        # a running total carries the company: 前三季, 累計
        ("廣達電腦公布第三季財報。\n\n前三季累計營收1.42兆元，創同期新高。", "1.42兆元",
         "revenue", "Quanta"),
    ],
)  # fmt: skip
def test_revenue_in_a_market_and_shares_of_a_market(
    text: str, number: str, measure: str, organisation: str | None
) -> None:
    assert_claim(text, number, measure, organisation)


@pytest.mark.parametrize(
    ("text", "number", "organisation"),
    [
        # a paragraph naming nobody ("Key figures:") passes the subject on to a list
        ("SK Hynix said operating profit jumped 62% in the quarter.\n\nKey figures for the "
         "quarter:\n\n- Revenue: 31.5 trillion won\n\n- Net profit: 14.1 trillion won",
         "14.1 trillion won", "SK Hynix"),
        ("海光信息发布三季报，业绩大幅增长。\n\n主要数据如下：\n\n- 营收：94.9亿元"
         "\n\n- 净利润：19.6亿元", "19.6亿元", "Hygon"),
        ("FPT công bố kết quả kinh doanh 10 tháng.\n\nCác chỉ số chính:\n\n- Doanh thu: 52.900 tỷ "
         "đồng\n\n- Lợi nhuận trước thuế: 9.450 tỷ đồng", "9.450 tỷ đồng", "FPT"),
        # a place leading the sentence owns its total, not the subject before
        ("深圳市工业和信息化局日前印发方案，每年安排5亿元算力券。\n\n"
         "目前，深圳已建成智能算力规模约48 EFLOPS。", "48 EFLOPS", None),
        ("Viettel opened its fourth data centre in Hanoi.\n\nIn 2025, Vietnam attracted "
         "$1.9 billion of data-centre investment.", "$1.9 billion", None),
    ],
)  # fmt: skip
def test_a_subject_passes_through_paragraphs_naming_nobody_not_into_a_places_total(
    text: str, number: str, organisation: str | None
) -> None:
    f = fact(STORY.format(text), number)
    assert f.organisation == organisation, (f.subject_text, f.organisation_evidence)


@pytest.mark.parametrize(
    ("text", "number", "organisation"),
    [
        # a Vietnamese name glossed in English is that name, and so are its last words later
        ("Công ty Cổ phần Công nghệ Trí tuệ Nhân tạo Sao Việt (SaoViet AI) vừa gọi vốn "
         "12 triệu USD.", "12 triệu USD", "SaoViet AI"),
        ("Công ty Cổ phần Công nghệ Trí tuệ Nhân tạo Sao Việt (SaoViet AI) vừa gọi vốn.\n\n"
         "Doanh thu năm 2025 của Sao Việt đạt 38 tỷ đồng.", "38 tỷ đồng", "SaoViet AI"),
        ("Công ty TNHH Dữ liệu Phương Bắc (Northern Data Vietnam) khởi công trung tâm dữ liệu."
         "\n\nPhương Bắc dự kiến đầu tư 1.200 tỷ đồng.", "1.200 tỷ đồng",
         "Northern Data Vietnam"),
        ("Tập đoàn Công nghệ Ánh Dương (Sunrise Tech Group) công bố lợi nhuận 75 tỷ đồng.",
         "75 tỷ đồng", "Sunrise Tech Group"),
        # a speaker's company is a source, not the owner of the market price they quote
        ("Công ty Cổ phần Công nghệ Trí tuệ Nhân tạo Sao Việt (SaoViet AI) vừa gọi vốn.\n\n"
         "Theo ông Lê Quang Vinh, CEO của Sao Việt, giá thuê GPU hiện khoảng 2,5 USD/giờ.",
         "2,5 USD", None),
        ("Kestrel Robotics raised money.\n\nAccording to Jane Roe, chief executive of Kestrel "
         "Robotics, GPU rents fell to $2.10 an hour.", "$2.10", None),
    ],
)  # fmt: skip
def test_a_glossed_name_and_its_short_form_are_the_gloss(
    text: str, number: str, organisation: str | None
) -> None:
    f = fact("Tin tức\n\n" + text + "\n", number)
    assert f.organisation == organisation, (f.subject_text, f.organisation_evidence)


def test_every_label_has_its_evidence_and_spans_index_the_text() -> None:
    paths = sorted(CLAIM_ARTICLES.iterdir()) + sorted(SAMPLES.iterdir())
    batch = process_documents(paths, Settings())
    assert not batch.errors
    seen = 0
    for article in batch.articles:
        for f in batch.facts[article.article_id]:
            seen += 1
            assert f.measure in MEASURES and f.measure_evidence
            assert f.sentence == article.text[f.sentence_start : f.sentence_end]
            assert f.sentence_start <= f.start < f.sentence_end
            assert (f.organisation is None) == (f.subject_text is None)
            if f.subject_text is not None:
                assert f.subject_text == article.text[f.subject_start : f.subject_end]
                assert f.organisation_evidence
            if f.country is not None:
                assert len(f.country) == 2 and f.country.isupper() and f.country_evidence
            if f.repeat_of is not None:
                assert f.repeat_of < f.start
    assert seen > 500


def test_a_conversion_takes_the_labels_of_the_amount_it_converts() -> None:
    facts = labelled(
        STORY.format("Zhipu AI raised 1 billion yuan ($140 million) from Hangzhou funds.")
    )
    original, converted = facts[0], facts[1]
    assert converted.conversion_of == original.start
    assert (converted.measure, converted.organisation) == ("funding", "Zhipu AI")


def test_a_headline_figure_restated_in_the_lede_is_a_repeat() -> None:
    text = (
        "Nvidia posts $57 billion revenue\n\n"
        "Nvidia reported revenue of $57 billion for the quarter, beating forecasts.\n"
    )
    headline, body = [f for f in labelled(text) if f.text == "$57 billion"]
    assert headline.repeat_of is None and body.repeat_of == headline.start


def test_a_subject_carries_into_the_next_sentence_only_with_an_anaphor_or_a_measure() -> None:
    text = STORY.format(
        "Hygon reported results on Tuesday. Revenue rose 31% to 9 billion yuan. "
        "Analysts expect the sector to grow 20% next year."
    )
    facts = {f.text: f for f in labelled(text)}
    assert facts["9 billion yuan"].organisation == "Hygon"
    assert facts["20%"].organisation is None


@pytest.mark.parametrize(
    ("text", "number", "organisation"),
    [
        # a paragraph continuing the story ("According to the plan", "số vốn mới") takes the
        # subject of the paragraph before
        ("Halden Grid plans a $900 million campus.\n\nAccording to the plan, phase 1 will "
         "cost $300 million. The site will deliver 6 exaflops.", "6 exaflops", "Halden Grid"),
        ("Halden Grid plans a $900 million campus.\n\nAccording to the plan, phase 1 will "
         "cost $300 million.", "$300 million", "Halden Grid"),
        ("Công ty Cổ phần Sao Việt huy động 20 triệu USD.\n\nKhoảng 70% số vốn mới dùng để "
         "mua GPU.", "70%", "Sao Việt"),
        # "It cost": the subject of a sentence two back, past one naming nobody
        ("Fjord Compute opened a hall in Bergen. The operator expects a second in 2027. "
         "It cost €200 million.", "€200 million", "Fjord Compute"),
        # a paragraph of market figures does not continue the company's story
        ("Halden Grid plans a $900 million campus.\n\nThe data-centre market grew 20%. "
         "In particular, deals above $1 billion made up 15% of the total.", "15%", None),
        # the parent, unnamed, owns its own revenue, not the unit's
        ("Fjord Compute's revenue rose to NOK 3 billion, while the parent reported revenue "
         "of NOK 40 billion.", "NOK 40 billion", None),
        # "Con số này": the number before's owner
        ("CMC báo doanh thu quý đạt 2.000 tỷ đồng. Con số này hoàn thành 70% kế hoạch năm.",
         "70%", "CMC"),
        # a short form of a longer name is that name
        ("Brightwater Data Centres was sold last year. Brightwater runs 200 MW and reported "
         "a margin of 41%.", "41%", "Brightwater Data Centres"),
        # a Chinese name glossed once is that name wherever it stands again
        ("本地服务商星启云（StarLaunch Cloud）今日招股。\n\n星启云2024年收入为5亿元。",
         "5亿元", "StarLaunch Cloud"),
        # "The US has ... of its total": the place's, not the subject before's
        ("Microsoft built a new machine.\n\nThe United States has 170 systems and about 48% "
         "of its total performance.", "48%", None),
    ],
)  # fmt: skip
def test_a_subject_carries_across_sentences_and_paragraphs_that_continue_its_story(
    text: str, number: str, organisation: str | None
) -> None:
    f = fact(STORY.format(text), number)
    assert f.organisation == organisation, (f.organisation_evidence, f.subject_text)


@pytest.mark.parametrize(
    ("text", "number", "organisation"),
    [
        ("VNG báo lãi quý I. Công ty đặt mục tiêu doanh thu 12.000 tỷ đồng trong năm 2025.",
         "12.000 tỷ đồng", "VNG"),
        ("Viettel khánh thành trung tâm dữ liệu mới. Tập đoàn dành 3% doanh thu cho nghiên cứu.",
         "3%", "Viettel"),
        ("Viettel khánh thành trung tâm dữ liệu mới. Công ty FPT Smart Cloud có 900 tỷ đồng.",
         "900 tỷ đồng", "FPT Smart Cloud"),
        ("寒武纪发布三季报。公司前三季度实现营业收入46亿元。", "46亿元", "Cambricon"),
        ("FPT công bố kết quả quý III. Biên lợi nhuận được cải thiện nhờ các hợp đồng lớn. "
         "Khối công nghệ mang về 9.000 tỷ đồng doanh thu.", "9.000 tỷ đồng", "FPT"),
        ("CMC ký hợp đồng mới. Doanh thu từ cơ quan nhà nước chiếm 35% tổng doanh thu trong quý.",
         "35%", "CMC"),
    ],
)  # fmt: skip
def test_a_generic_company_word_is_an_anaphor(text: str, number: str, organisation: str) -> None:
    """ "Công ty đặt", "Tập đoàn dành", "公司前三季度": the company of the sentence before.

    "Công ty FPT Smart Cloud" is a name, not an anaphor. A business unit ("Khối công nghệ")
    is the company's, past a sentence that names no one; "cơ quan nhà nước" is no government.
    """
    assert fact(STORY.format(text), number).organisation == organisation


@pytest.mark.parametrize(
    "text",
    [
        "Horizon Robotics, the Beijing-based chip designer, raised HK$6 billion in a placement.",
        "地平线在北京宣布配售新股，募资约60亿港元。",
    ],
)
def test_an_amount_in_hong_kong_dollars_is_in_hong_kong(text: str) -> None:
    facts = labelled(STORY.format(text))
    assert [f.country for f in facts if f.unit == "HKD"] == ["HK"]


def test_a_row_analysts_add_to_the_warehouse_joins_attribution() -> None:
    text = STORY.format("Sao Mai Cloud đầu tư 500 tỷ đồng xây trung tâm dữ liệu tại Đà Nẵng.")
    row = {"organisation": "Sao Mai Digital", "alias": "Sao Mai Cloud", "lang": "en",
           "kind": "cloud", "country": "VN", "parent": ""}  # fmt: skip
    before = fact(text, "500 tỷ đồng")
    after = fact(text, "500 tỷ đồng", Settings().with_organisations([row]))
    assert before.organisation != "Sao Mai Digital"
    assert (after.organisation, after.subject_text) == ("Sao Mai Digital", "Sao Mai Cloud")


def test_a_name_of_a_unit_is_the_unit_not_its_parent() -> None:
    f = fact(STORY.format("Samsung SDS, which owns about 25% of CMC, will build the site."), "25%")
    assert f.organisation == "Samsung SDS"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("revenue in the third quarter of fiscal 2026", "2026-Q3"),
        ("Q2 2025 sales", "2025-Q2"),
        ("for the first nine months of 2024", "2024-01/2024-09"),
        ("in the first half of 2025", "2025-H1"),
        ("by 2030", "2030"),
        ("in November 2025", "2025-11"),
        ("2025年前三季度", "2025-01/2025-09"),
        ("2024年上半年", "2024-H1"),
        ("2025年第三季度", "2025-Q3"),
        ("quý III/2025", "2025-Q3"),
        ("9 tháng đầu năm 2025", "2025-01/2025-09"),
        ("năm 2024", "2024"),
        ("据机构统计,2026年5月", "2026-05"),  # after a comma NFKC made ASCII
    ],
)
def test_periods_as_stated(text: str, period: str) -> None:
    assert [p.period for p in find_periods(text)] == [period]


def test_a_count_is_not_a_year() -> None:
    assert find_periods("it bought 2000 GPUs") == []


@pytest.mark.parametrize(
    ("text", "country"),
    [("a data centre in Johor", "MY"), ("位于贵安新区", "CN"), ("tại Bắc Ninh", "VN"),
     ("深圳的智算中心", "CN"), ("US$5 billion", None), ("the UK government", "GB"),
     ("2 tỷ đô la Mỹ", None), ("300 triệu đô la Úc", None), ("đặt tại Mỹ", "US")],
)  # fmt: skip
def test_places(text: str, country: str | None) -> None:
    assert [p.country for p in find_places(text)][:1] == ([country] if country else [])


def test_sentences_do_not_end_at_abbreviations_or_decimals() -> None:
    text = "Nvidia Corp. said revenue was $57.0 billion. U.S. sales rose. 营收增长。利润下降。"
    spans = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    assert spans == [
        "Nvidia Corp. said revenue was $57.0 billion.",
        "U.S. sales rose.",
        "营收增长。",
        "利润下降。",
    ]


def test_a_vietnamese_funds_size_is_investment_and_its_dollar_names_no_place() -> None:
    story = (
        "Bộ Tài chính đề xuất quỹ hạ tầng số\n\n"
        "Bộ Tài chính đề xuất lập quỹ hạ tầng số quốc gia tại Hà Nội với quy mô "
        "khoảng 2 tỷ đô la Mỹ, dành cho các cụm máy tính dùng chung.\n"
    )
    got = fact(story, "2 tỷ đô la Mỹ")
    assert (got.measure, got.country) == ("investment", "VN")  # Hà Nội, not "đô la Mỹ"


def test_a_vietnamese_city_spending_is_its_peoples_committee() -> None:
    story = (
        "TP.HCM dành ngân sách cho AI\n\n"
        "TP.HCM dành 3.000 tỷ đồng cho hạ tầng trí tuệ nhân tạo trong giai đoạn tới.\n"
    )
    got = fact(story, "3.000 tỷ đồng")
    assert (got.measure, got.organisation) == ("investment", "Ho Chi Minh City People's Committee")
