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
    a.is_revision,
    a.revision_of,
    a.source_uri,
    coalesce(fc.count_facts, 0) as count_facts,
    coalesce(qc.count_quarantined_facts, 0) as count_quarantined_facts,
    a.count_paragraphs,
    a.count_characters,
    a.loaded_run_id
from staging.stg_articles as a
left join fact_counts as fc using (article_id)
left join quarantine_counts as qc using (article_id);

comment on view main.articles is 'One row per article (grain: article_id), with how many facts it gave.';
comment on column main.articles.count_facts is 'Valid facts found in the article.';
comment on column main.articles.count_quarantined_facts is 'Fact mentions of the article that were quarantined.';
comment on column main.articles.count_characters is 'Length of the normalised article text in characters.';
comment on column main.articles.is_duplicate is 'True for a near-duplicate of an earlier article: kept, but its facts are the original''s and are not loaded twice.';
