-- raw.fact_conversions: one row per stated currency conversion, the parenthetical fact of
-- "HK$1.18 billion ($151 million)", priced at the ECB rate of the article's publication day
-- (grain: fact_id of the conversion). Written by validation; a row out of tolerance has its
-- conversion fact quarantined with ``conversion_matches_ecb``.
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.fact_conversions (
    fact_id varchar not null,
    original_fact_id varchar not null,
    article_id varchar not null,
    value_from double,
    unit_from varchar,
    value_to double,
    unit_to varchar,
    published_on date,
    rate double,
    rate_date date,
    rate_basis varchar,
    expected_value_to double,
    relative_deviation double,
    tolerance double not null,
    is_within_tolerance boolean,
    linked_by varchar not null,
    note varchar,
    loaded_run_id varchar not null
);
