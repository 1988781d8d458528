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
comment on column main.quarantined_facts.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column main.quarantined_facts.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column main.quarantined_facts.kind is 'Fact kind: compute (FLOPS), money (a currency amount) or percent.';
comment on column main.quarantined_facts."text" is 'The mention as it stands in the article: the article''s text from start to end.';
comment on column main.quarantined_facts."start" is 'Character offset where the mention starts in the article text (0-based, inclusive).';
comment on column main.quarantined_facts."end" is 'Character offset where the mention ends in the article text (exclusive).';
comment on column main.quarantined_facts.value is 'Normalised value when one could be read; null for a broken mention.';
comment on column main.quarantined_facts.value_high is 'High end of a range in the same unit as value; null for a single value.';
comment on column main.quarantined_facts.unit is 'Unit when known (FLOPS, ISO 4217 code, %).';
comment on column main.quarantined_facts.status is 'Extraction status: valid, or quarantined when the mention is broken.';
comment on column main.quarantined_facts.qualifier is 'Hedge stated with the number: about, up to, more than, ...; null when none.';
comment on column main.quarantined_facts.conversion_of_fact_id is 'For a restatement in another unit, as in HK$1.18 billion ($151 million): the fact_id it restates.';
comment on column main.quarantined_facts.paragraph_index is 'Index of the paragraph holding the mention (raw.paragraphs).';
comment on column main.quarantined_facts.paragraph_role is 'Role of that paragraph: title, byline, body, heading, caption or boilerplate.';
comment on column main.quarantined_facts.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column main.quarantined_facts.lang is 'ISO 639-1 language code (of the article, or of the fact''s paragraph for facts).';
comment on column main.quarantined_facts.extractor_version is 'Version of the extractor that produced the row.';
comment on column main.quarantined_facts.failed_checks is 'Names of the contract checks the row failed.';
comment on column main.quarantined_facts.reason is 'Why the row was quarantined, in words.';
comment on column main.quarantined_facts.article_title is 'Title of the fact''s article.';
comment on column main.quarantined_facts.publisher is 'Site or outlet name of the fact''s article.';
comment on column main.quarantined_facts.published_at is 'Publication timestamp of the fact''s article.';
comment on column main.quarantined_facts.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
