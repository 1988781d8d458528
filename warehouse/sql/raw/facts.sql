-- raw.facts: one row per valid fact mention (grain: fact_id = hash of article, kind, span).
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.facts (
    fact_id varchar not null,
    article_id varchar not null,
    kind varchar not null,
    text varchar not null,
    start integer not null,
    "end" integer not null,
    value double not null,
    value_high double,
    unit varchar not null,
    qualifier varchar,
    conversion_of_fact_id varchar,
    paragraph_index integer,
    paragraph_role varchar,
    section varchar,
    lang varchar,
    extractor_version varchar not null,
    loaded_run_id varchar not null
);
