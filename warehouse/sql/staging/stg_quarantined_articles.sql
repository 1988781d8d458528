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
