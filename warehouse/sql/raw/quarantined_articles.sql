-- raw.quarantined_articles: one row per article that failed its contract (grain: article_id).
create table if not exists raw.quarantined_articles (
    article_id varchar primary key,
    source_uri varchar,
    content_hash varchar,
    title varchar,
    failed_checks varchar[],
    reason varchar not null,
    loaded_run_id varchar not null
);
