-- quarantined_facts: one row per fact mention kept out of ``facts``, with why (grain: fact_id).
create or replace view main.quarantined_facts as
select
    q.fact_id,
    q.article_id,
    q.kind,
    q.text,
    q.start,
    q."end",
    q.value,
    q.value_high,
    q.unit,
    q.status,
    q.qualifier,
    q.conversion_of_fact_id,
    q.paragraph_index,
    q.paragraph_role,
    q.section,
    q.lang,
    q.extractor_version,
    q.failed_checks,
    q.reason,
    a.title as article_title,
    a.publisher,
    a.published_at,
    q.loaded_run_id
from staging.stg_quarantined_facts as q
left join staging.stg_articles as a using (article_id);

comment on view main.quarantined_facts is 'One row per fact mention kept out of facts, with why (grain: fact_id).';
comment on column main.quarantined_facts.article_title is 'Title of the fact''s article.';
comment on column main.quarantined_facts.publisher is 'Site or outlet name of the fact''s article.';
comment on column main.quarantined_facts.published_at is 'Publication timestamp of the fact''s article.';
