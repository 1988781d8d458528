-- raw.quarantined_facts: one row per fact mention that failed extraction or a check
-- (grain: fact_id). ``reason`` says why; nothing is dropped silently.
create table if not exists raw.quarantined_facts (
    fact_id varchar primary key,
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
