"""newsfacts: numeric facts from news about AI computing.

This package holds the pure logic (reading, normalising, extracting, currency).
It never imports prefect or duckdb: orchestration lives in ``flows``, storage in
``warehouse`` and contracts in ``schemas``.
"""

__version__ = "0.1.0"
