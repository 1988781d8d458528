"""pandera models: what must be true of each table, one model per table.

Each model declares its table once (grain, key, every column's type and
description); ``TABLES`` lists every raw table as ``schemas.tables.Table``, from
which ``warehouse`` derives DDL, comments and load columns. ``split_valid`` turns
a failed lazy validation into row-level quarantine: good rows load, failing rows
are kept with the checks they failed.
"""

from schemas.articles import ARTICLES, QUARANTINED_ARTICLES, ArticleSchema
from schemas.dq_check_results import DQ_CHECK_RESULTS
from schemas.ecb_rates import ECB_RATES
from schemas.fact_conversions import FACT_CONVERSIONS
from schemas.facts import FACTS, QUARANTINED_FACTS, FactSchema
from schemas.ingest_errors import INGEST_ERRORS
from schemas.migrations import MIGRATIONS
from schemas.organisations import ORGANISATIONS
from schemas.paragraphs import PARAGRAPHS, ParagraphSchema
from schemas.raw_documents import RAW_DOCUMENTS
from schemas.runs import RUNS
from schemas.tables import Column, Table
from schemas.validate import Validated, split_valid

# Every raw table, in the order migrations create them.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        MIGRATIONS,
        RUNS,
        RAW_DOCUMENTS,
        ARTICLES,
        PARAGRAPHS,
        FACTS,
        QUARANTINED_FACTS,
        QUARANTINED_ARTICLES,
        FACT_CONVERSIONS,
        INGEST_ERRORS,
        ECB_RATES,
        DQ_CHECK_RESULTS,
        ORGANISATIONS,
    )
}

__all__ = [
    "TABLES",
    "ArticleSchema",
    "Column",
    "FactSchema",
    "ParagraphSchema",
    "Table",
    "Validated",
    "split_valid",
]
