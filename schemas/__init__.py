"""pandera models: what must be true of each table, one model per table.

``split_valid`` turns a failed lazy validation into row-level quarantine:
good rows load, failing rows are kept with the checks they failed.
"""

from schemas.articles import ArticleSchema
from schemas.facts import FactSchema
from schemas.paragraphs import ParagraphSchema
from schemas.validate import Validated, split_valid

__all__ = ["ArticleSchema", "FactSchema", "ParagraphSchema", "Validated", "split_valid"]
