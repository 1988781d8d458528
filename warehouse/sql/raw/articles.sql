-- raw.articles: one row per article (grain: article_id = content hash prefix).
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.articles (
    article_id varchar not null,
    source_uri varchar not null,
    content_hash varchar not null,
    media_type varchar not null,
    title varchar,
    published_at timestamp,
    publisher varchar,
    author varchar,
    lang varchar,
    is_mixed_language boolean not null,
    is_translated boolean not null,
    translation_evidence varchar[],
    fingerprint varchar,
    text varchar not null,
    count_paragraphs integer not null,
    published_at_source varchar,
    duplicate_of varchar,
    warnings varchar[],
    loaded_run_id varchar not null
);

-- columns added after the first release: older warehouse files gain them on migrate
alter table raw.articles add column if not exists published_at_source varchar;
alter table raw.articles add column if not exists duplicate_of varchar;
alter table raw.articles add column if not exists warnings varchar[];
