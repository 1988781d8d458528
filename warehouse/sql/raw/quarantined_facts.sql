-- raw.quarantined_facts: one row per fact mention that failed extraction or a check
-- (grain: fact_id). ``reason`` says why; nothing is dropped silently.
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.quarantined_facts (
    fact_id varchar not null,
    article_id varchar,
    kind varchar,
    text varchar,
    start integer,
    "end" integer,
    value double,
    value_high double,
    unit varchar,
    status varchar,
    qualifier varchar,
    conversion_of_fact_id varchar,
    paragraph_index integer,
    paragraph_role varchar,
    section varchar,
    lang varchar,
    extractor_version varchar,
    failed_checks varchar[],
    reason varchar not null,
    loaded_run_id varchar not null
);
