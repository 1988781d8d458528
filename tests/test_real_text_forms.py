"""Forms that real news pages write and the extractor used to miss (issue 13).

Vietnamese: the press abbreviation NDT (nhân dân tệ), number words before a scale
(``hai tỷ USD``), and numerals whose separator reads two ways (``1.615``), settled by
the value's plausibility and the separators the paragraph or its document shows.
Computing power without a FLOPS word (``calculations per second``, ``phép tính mỗi
giây``, ``京次``, a bare ``P`` in a sentence about 算力). Chinese approximations with
spaces and traditional characters (``3200 多亿元``, ``約 12 億美元``).

Every case checks the span, the value and the unit; the sentences are written for
these tests.
"""

from __future__ import annotations

import pytest

from newsfacts.extract import SeparatorEvidence, extract_facts
from tests.test_claims import labelled


def only(text: str, lang: str):
    facts = [f for f in extract_facts(text, lang) if f.status == "valid"]
    assert len(facts) == 1, facts
    return facts[0]


def check(text: str, lang: str, span: str, value: float, unit: str):
    fact = only(text, lang)
    assert fact.text == span
    assert text[fact.start : fact.end] == span
    assert fact.value == pytest.approx(value, rel=1e-9)
    assert fact.unit == unit
    return fact


# ------------------------------------------------------------------ Vietnamese: NDT

NDT_CASES = [
    ("Alibaba Cloud rót 1,5 tỷ NDT vào trung tâm dữ liệu mới.", "1,5 tỷ NDT", 1.5e9),
    ("Doanh thu quý III của Baidu đạt 31,2 tỷ NDT.", "31,2 tỷ NDT", 31.2e9),
    ("Tencent chi 800 triệu NDT cho cụm GPU ở Thượng Hải.", "800 triệu NDT", 8e8),
    ("Giá thuê mỗi giờ GPU khoảng 12 NDT.", "12 NDT", 12),
    ("Quỹ đầu tư nhà nước góp 2.000 tỷ NDT cho ngành chip.", "2.000 tỷ NDT", 2e12),
    ("Vốn hóa của Cambricon vượt 500 tỷ NDT trong phiên sáng nay.", "500 tỷ NDT", 5e11),
    ("Lợi nhuận ròng giảm còn 4,75 tỷ NDT.", "4,75 tỷ NDT", 4.75e9),
    ("Một gói máy chủ AI có giá 350 nghìn NDT.", "350 nghìn NDT", 3.5e5),
    ("Moore Threads huy động 8 tỷ NDT khi niêm yết.", "8 tỷ NDT", 8e9),
    ("Chính quyền Quý Châu cấp 20 triệu NDT trợ giá điện.", "20 triệu NDT", 2e7),
    ("Dự án có tổng vốn 6,8 tỉ NDT, tương đương gần 1 tỉ USD.", "6,8 tỉ NDT", 6.8e9),
]


@pytest.mark.parametrize(("text", "span", "value"), NDT_CASES)
def test_ndt_is_the_chinese_yuan(text: str, span: str, value: float) -> None:
    facts = [f for f in extract_facts(text, "vi") if f.unit == "CNY"]
    assert len(facts) == 1, extract_facts(text, "vi")
    assert (facts[0].text, facts[0].value) == (span, pytest.approx(value))


# ------------------------------------------------------------------ Vietnamese: number words

VI_WORD_CASES = [
    ("Doanh nghiệp FDI này đăng ký hai tỷ USD vốn.", "hai tỷ USD", 2e9, "USD"),
    ("Chính phủ dành ba nghìn tỷ đồng cho hạ tầng số.", "ba nghìn tỷ đồng", 3e12, "VND"),
    ("Cụm máy mới đạt một exaFLOP ở độ chính xác FP8.", "một exaFLOP", 1e18, "FLOPS"),
    ("Năm tỷ USD đã được giải ngân cho dự án.", "Năm tỷ USD", 5e9, "USD"),
    ("Hãng chi mười lăm triệu USD mua GPU.", "mười lăm triệu USD", 1.5e7, "USD"),
    ("Quỹ có quy mô hai mươi lăm tỷ đồng.", "hai mươi lăm tỷ đồng", 2.5e10, "VND"),
    ("Thương vụ trị giá một tỷ rưỡi USD.", "một tỷ rưỡi USD", 1.5e9, "USD"),
    ("Hệ thống thứ hai đạt bốn petaFLOPS.", "bốn petaFLOPS", 4e15, "FLOPS"),
    ("Vốn điều lệ là ba trăm năm mươi tỷ đồng.", "ba trăm năm mươi tỷ đồng", 3.5e11, "VND"),
    ("Tập đoàn đầu tư một trăm triệu NDT ở Thâm Quyến.", "một trăm triệu NDT", 1e8, "CNY"),
    ("Khoảng hai mươi phần trăm doanh thu đến từ AI.", "hai mươi phần trăm", 20, "%"),
    ("Ngân sách là ba chục tỷ đồng mỗi năm.", "ba chục tỷ đồng", 3e10, "VND"),
    ("Thị phần của hãng đạt năm phần trăm.", "năm phần trăm", 5, "%"),
    ("Dự án cần một tỷ hai trăm triệu USD.", "một tỷ hai trăm triệu USD", 1.2e9, "USD"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit"), VI_WORD_CASES)
def test_vietnamese_number_words(text: str, span: str, value: float, unit: str) -> None:
    check(text, "vi", span, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Trong năm USD tăng giá so với đồng yên.",  # năm: "year"
        "Một USD đổi được nhiều đồng hơn năm ngoái.",  # một + a bare currency: a rate
        "Mỗi năm tỷ lệ tăng trưởng đều cao.",  # tỷ lệ: "rate", not a billion
        "Nhà đầu tư rót vốn vào hai công ty.",
    ],
)
def test_vietnamese_number_words_need_a_scale_or_a_unit_of_their_own(text: str) -> None:
    assert [f for f in extract_facts(text, "vi") if f.status == "valid"] == []


def test_vietnamese_number_words_after_a_word_ending_like_one() -> None:
    # "đầu tư" ends in "tư" (four after a ten): the number starts at "hai"
    check("Viettel đầu tư hai tỷ USD vào trung tâm.", "vi", "hai tỷ USD", 2e9, "USD")


# ------------------------------------------------------------------ Vietnamese: separators

SEPARATOR_CASES = [
    # the value's plausibility: 3125 exaFLOPS for one machine is not
    ("vi", "Siêu máy tính đạt 3.125 exaFLOPS.", "3.125 exaFLOPS", 3.125e18, "FLOPS"),
    ("vi", "Cụm GPU đạt 1,615 exaFLOPS.", "1,615 exaFLOPS", 1.615e18, "FLOPS"),
    ("en", "The cluster reached 1,615 exaFLOPS.", "1,615 exaFLOPS", 1.615e18, "FLOPS"),
    ("vi", "Hệ thống đạt 1.102 exaFLOPS trong bài HPL.", "1.102 exaFLOPS", 1.102e18, "FLOPS"),
    ("vi", "Trung tâm đạt 1.500 petaFLOPS.", "1.500 petaFLOPS", 1.5e18, "FLOPS"),  # plausible
    ("en", "The centre delivers 3,740 petaflops.", "3,740 petaflops", 3.74e18, "FLOPS"),
    # numerals that show their own separator, whatever the paragraph's language
    ("vi", "Gói thầu trị giá 1,234,567 USD.", "1,234,567 USD", 1234567, "USD"),
    ("vi", "Vốn đạt 1,234.5 tỷ đồng.", "1,234.5 tỷ đồng", 1.2345e12, "VND"),
    ("en", "It costs 5,6 billion USD.", "5,6 billion USD", 5.6e9, "USD"),
    ("en", "Revenue was €1.234,5 million.", "€1.234,5 million", 1.2345e9, "EUR"),
    ("en", "The fund holds 2.345.678 euros.", "2.345.678 euros", 2345678, "EUR"),
]


@pytest.mark.parametrize(("lang", "text", "span", "value", "unit"), SEPARATOR_CASES)
def test_separator_read_per_numeral(
    lang: str, text: str, span: str, value: float, unit: str
) -> None:
    check(text, lang, span, value, unit)


def test_both_separators_in_one_vietnamese_sentence() -> None:
    text = "Máy A đạt 3.125 exaFLOPS, cao hơn mức 1,615 exaFLOPS của máy B."
    facts = extract_facts(text, "vi")
    assert [(f.text, f.value) for f in facts] == [
        ("3.125 exaFLOPS", pytest.approx(3.125e18)),
        ("1,615 exaFLOPS", pytest.approx(1.615e18)),
    ]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # the paragraph writes decimals with a point (12.5%, 2.5 tỷ): 1.500 is one and a half
        ("Doanh thu tăng 12.5% lên 1.250 triệu USD.", "1.250 triệu USD", 1.25e6),
        ("Vốn 2.5 tỷ USD, trong đó 1.500 tỷ USD cho chip.", "1.500 tỷ USD", 1.5e9),
        # ... with a comma (2,5 tỷ, 9,5%): 1.500 groups thousands
        ("Vốn 2,5 tỷ USD, trong đó 1.500 tỷ USD cho chip.", "1.500 tỷ USD", 1.5e12),
        ("Thị phần 9,5%, doanh thu 4.850 tỷ đồng.", "4.850 tỷ đồng", 4.85e12),
        # no evidence: the language's own reading
        ("Doanh thu đạt 4.850 tỷ đồng.", "4.850 tỷ đồng", 4.85e12),
        # names with versions are no evidence: Llama 3.1 and GPT-4.5 are not quantities
        ("Llama 3.1 và GPT-4.5 được huấn luyện với 1.200 tỷ đồng.", "1.200 tỷ đồng", 1.2e12),
    ],
)
def test_paragraph_separators_settle_an_ambiguous_vietnamese_amount(
    text: str, span: str, value: float
) -> None:
    facts = [f for f in extract_facts(text, "vi") if f.text == span]
    assert [f.value for f in facts] == [pytest.approx(value)]


def test_english_paragraph_with_decimal_commas_reads_an_ambiguous_amount_as_decimal() -> None:
    text = "Sales rose 7,5% to 2,400 billion yuan."
    facts = [f for f in extract_facts(text, "en") if f.unit == "CNY"]
    assert [(f.text, f.value) for f in facts] == [("2,400 billion yuan", pytest.approx(2.4e9))]
    plain = [f for f in extract_facts("Sales reached 2,400 billion yuan.", "en") if f.unit == "CNY"]
    assert [f.value for f in plain] == [pytest.approx(2.4e12)]


@pytest.mark.parametrize(
    ("others", "value"),
    [
        (["Lợi nhuận tăng 8.25% so với cùng kỳ.", "Giá cổ phiếu lên 3.5 USD."], 1.25e9),
        (["Lợi nhuận tăng 8,25% so với cùng kỳ.", "Giá cổ phiếu lên 3,5 USD."], 1.25e12),
        (["Lễ ký kết diễn ra tại Hà Nội."], 1.25e12),  # no evidence: Vietnamese grouping
    ],
)
def test_the_documents_other_paragraphs_settle_an_ambiguous_amount(
    others: list[str], value: float
) -> None:
    paragraph = "Tổng vốn của dự án là 1.250 tỷ đồng."
    facts = extract_facts(paragraph, "vi", evidence=SeparatorEvidence([*others, paragraph]))
    assert [(f.text, f.value) for f in facts] == [("1.250 tỷ đồng", pytest.approx(value))]


def test_pipeline_passes_the_articles_separators_to_each_paragraph() -> None:
    article = (
        "Tập đoàn công nghệ mở rộng hạ tầng AI tại miền Bắc\n\n"
        "Trong năm nay, doanh thu mảng đám mây của tập đoàn tăng 18.75% và lợi nhuận "
        "đạt 2.5 tỷ USD, theo báo cáo tài chính công bố hôm thứ Hai.\n\n"
        "Tập đoàn cho biết sẽ dành 1.750 tỷ USD để xây dựng trung tâm dữ liệu mới ở "
        "Bắc Ninh trong ba năm tới, với hàng nghìn máy chủ GPU thế hệ mới.\n"
    )
    facts = {f.text: f.value for f in labelled(article)}
    assert facts["1.750 tỷ USD"] == pytest.approx(1.75e9)
    assert facts["18.75%"] == pytest.approx(18.75)


# ------------------------------------------------------------------ compute without a FLOPS word

COMPUTE_CASES = [
    ("en", "Aurora performs 2,000 trillion calculations per second.",
     "2,000 trillion calculations per second", 2e15),
    ("en", "The new machine can do two quintillion calculations per second.",
     "two quintillion calculations per second", 2e18),
    ("en", "It runs at 200 quadrillion calculations a second.",
     "200 quadrillion calculations a second", 2e17),
    ("en", "Frontier handles 1.1 quintillion computations per second.",
     "1.1 quintillion computations per second", 1.1e18),
    ("vi", "Siêu máy tính thực hiện hai triệu tỷ phép tính mỗi giây.",
     "hai triệu tỷ phép tính mỗi giây", 2e15),
    ("vi", "Hệ thống đạt 35 triệu tỷ phép tính mỗi giây.",
     "35 triệu tỷ phép tính mỗi giây", 3.5e16),
    ("vi", "Tốc độ tối đa là 200 triệu tỷ phép toán/giây.", "200 triệu tỷ phép toán/giây", 2e17),
    ("vi", "Cụm máy xử lý 5 tỷ tỷ phép tính trên giây.", "5 tỷ tỷ phép tính trên giây", 5e18),
    ("vi", "Máy mới đạt 1,5 triệu tỷ phép tính dấu phẩy động mỗi giây.",
     "1,5 triệu tỷ phép tính dấu phẩy động mỗi giây", 1.5e15),
    ("zh", "该系统运算速度达到每秒3000京次。", "3000京次", 3e19),
    ("zh", "峰值运算速度为每秒5亿亿次浮点运算。", "5亿亿次", 5e16),
    ("zh", "超算中心持续运算速度每秒千万亿次。", "千万亿次", 1e15),
    ("zh", "該超算峰值達每秒12.5億億次。", "12.5億億次", 1.25e17),
    ("zh", "新系统每秒可完成2京次浮点运算。", "2京次", 2e16),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "span", "value"), COMPUTE_CASES)
def test_computing_power_without_a_flops_word(
    lang: str, text: str, span: str, value: float
) -> None:
    check(text, lang, span, value, "FLOPS")


BARE_P_CASES = [
    ("全市算力规模达到5000P。", "5000P", 5e18),
    ("该智算中心算力500P，投资20亿元。", "500P", 5e17),
    ("计划今年建成1000P算力集群。", "1000P", 1e18),
    # 算力 far from the number, at the end of the sentence
    ("二期工程建成后规模将达到2000P，主要面向大模型训练和推理服务，届时全省总算力位居前列。",
     "2000P", 2e18),
    ("上线了300P的智能计算集群。", "300P", 3e17),
    ("園區規劃建設8000P智算資源。", "8000P", 8e18),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "value"), BARE_P_CASES)
def test_bare_p_anywhere_in_a_sentence_about_computing_power(
    text: str, span: str, value: float
) -> None:
    facts = [f for f in extract_facts(text, "zh") if f.kind == "compute"]
    assert [(f.text, f.value) for f in facts] == [(span, pytest.approx(value))]


@pytest.mark.parametrize(
    "text",
    [
        "摄像头支持1080P高清画质，算力平台同步升级。",  # a video resolution
        "该手机支持720P视频通话。",
        "第二季度出货量达到300P。",  # no computing power in the sentence
        "北京3000亿元产业基金落地。",  # 京 of 北京 is no scale
    ],
)
def test_not_computing_power(text: str) -> None:
    assert [f for f in extract_facts(text, "zh") if f.kind == "compute"] == []


# ------------------------------------------------------------------ Chinese approximations

APPROX_CASES = [
    ("公司全年营收3200 多亿元。", "3200 多亿元", 3.2e11, "CNY", "多"),
    ("项目总投资50 余亿元。", "50 余亿元", 5e9, "CNY", "余"),
    ("此轮融资约 12 亿美元。", "12 亿美元", 1.2e9, "USD", "约"),
    ("市场规模达 3200 多 亿元。", "3200 多 亿元", 3.2e11, "CNY", "多"),
    ("营收3,200 多亿元，同比大增。", "3,200 多亿元", 3.2e11, "CNY", "多"),
    ("公司營收達3200多億元。", "3200多億元", 3.2e11, "CNY", "多"),
    ("項目投資達 1500 餘萬元。", "1500 餘萬元", 1.5e7, "CNY", "余"),
    ("融資約 12 億美元。", "12 億美元", 1.2e9, "USD", "约"),
    ("募资超过 80 亿元。", "80 亿元", 8e9, "CNY", "超过"),
    ("募資超過 80 億元。", "80 億元", 8e9, "CNY", "超过"),
    ("政府拨款逾 50 亿元。", "50 亿元", 5e9, "CNY", "逾"),
    ("总投资二十多亿元。", "二十多亿元", 2e9, "CNY", "多"),
    ("預計投入將近 300 億新臺幣。", "300 億新臺幣", 3e10, "TWD", "将近"),
    ("订单金额 1.5 亿元左右。", "1.5 亿元", 1.5e8, "CNY", "左右"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit", "qualifier"), APPROX_CASES)
def test_chinese_approximations_with_spaces_and_traditional_forms(
    text: str, span: str, value: float, unit: str, qualifier: str
) -> None:
    fact = check(text, "zh", span, value, unit)
    assert fact.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    ["公司节约12亿元成本。", "最近12亿元的订单", "签订合约12亿元。"],
)
def test_words_ending_like_a_chinese_qualifier_are_none(text: str) -> None:
    assert only(text, "zh").qualifier is None

