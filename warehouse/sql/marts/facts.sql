-- facts: one row per valid fact mention, with its article's context (grain: fact_id).
create or replace view main.facts as
select
    f.fact_id,
    f.article_id,
    f.kind,
    f.text,
    f.start,
    f."end",
    f.value,
    f.value_high,
    f.unit,
    f.qualifier,
    f.conversion_of_fact_id,
    f.paragraph_role,
    f.section,
    f.lang,
    a.title as article_title,
    a.publisher,
    a.published_at,
    f.extractor_version,
    f.loaded_run_id
from raw.facts as f
join raw.articles as a using (article_id);
