-- raw.runs: one row per pipeline run (grain: run_id).
create table if not exists raw.runs (
    run_id varchar primary key,
    flow_run_id varchar,
    started_at timestamptz not null,
    finished_at timestamptz,
    status varchar not null,
    sources varchar[],
    extractor_version varchar,
    count_documents integer,
    count_articles_new integer,
    count_paragraphs_new integer,
    count_facts_new integer,
    count_quarantined_new integer,
    count_errors integer
);
