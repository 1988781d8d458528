-- articles: one row per article, with its fact counts (grain: article_id).
create or replace view main.articles as
with fact_counts as (
    select article_id, count(*) as count_facts
    from staging.stg_facts
    group by article_id
),
quarantine_counts as (
    select article_id, count(*) as count_quarantined_facts
    from staging.stg_quarantined_facts
    group by article_id
)
select
    a.article_id,
    a.title,
    a.publisher,
    a.author,
    a.published_at,
    a.lang,
    a.is_mixed_language,
    a.is_translated,
    a.media_type,
    a.is_duplicate,
    a.duplicate_of,
    a.source_uri,
    coalesce(fc.count_facts, 0) as count_facts,
    coalesce(qc.count_quarantined_facts, 0) as count_quarantined_facts,
    a.count_paragraphs,
    a.count_characters,
    a.loaded_run_id
from staging.stg_articles as a
left join fact_counts as fc using (article_id)
left join quarantine_counts as qc using (article_id);
