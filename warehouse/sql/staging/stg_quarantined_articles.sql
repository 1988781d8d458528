-- staging.stg_quarantined_articles: one row per article that failed its contract
-- (grain: article_id).
create or replace view staging.stg_quarantined_articles as
select
    article_id,
    source_uri,
    content_hash,
    title,
    failed_checks,
    reason,
    loaded_run_id
from raw.quarantined_articles;

comment on view staging.stg_quarantined_articles is 'One row per quarantined article (grain: article_id). raw.quarantined_articles renamed and cast.';
comment on column staging.stg_quarantined_articles.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column staging.stg_quarantined_articles.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column staging.stg_quarantined_articles.content_hash is 'SHA-256 hex of the document''s raw bytes as fetched.';
comment on column staging.stg_quarantined_articles.title is 'Article headline, from HTML metadata or the first title line; null when none.';
comment on column staging.stg_quarantined_articles.failed_checks is 'Names of the contract checks the row failed.';
comment on column staging.stg_quarantined_articles.reason is 'Why the row was quarantined, in words.';
comment on column staging.stg_quarantined_articles.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
