-- raw.quarantined_articles: one row per article that failed its contract (grain: article_id).
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.quarantined_articles (
    article_id varchar not null,
    source_uri varchar,
    content_hash varchar,
    title varchar,
    failed_checks varchar[],
    reason varchar not null,
    loaded_run_id varchar not null
);
