-- quarantined_facts: one row per fact mention kept out of ``facts``, with why (grain: fact_id).
create or replace view main.quarantined_facts as
select
    q.fact_id,
    q.article_id,
    q.kind,
    q.text,
    q.start,
    q."end",
    q.source_start,
    q.source_end,
    q.value,
    q.value_high,
    q.unit,
    q.status,
    q.qualifier,
    q.conversion_of_fact_id,
    q.repeat_of_fact_id,
    q.repeat_of_fact_id is not null as is_repeat,
    q.measure,
    q.measure_evidence,
    q.organisation,
    q.subject_text,
    q.subject_start,
    q.subject_end,
    q.organisation_evidence,
    q.country,
    q.country_evidence,
    q.period,
    q.period_evidence,
    q.market,
    q.sentence,
    q.sentence_start,
    q.sentence_end,
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
comment on column main.quarantined_facts.is_repeat is 'True when the fact states again a claim made earlier in its article (repeat_of_fact_id is set).';
comment on column main.quarantined_facts.article_title is 'Title of the fact''s article.';
comment on column main.quarantined_facts.publisher is 'Site or outlet name of the fact''s article.';
comment on column main.quarantined_facts.published_at is 'Publication timestamp of the fact''s article.';
