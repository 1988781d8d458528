-- staging.stg_facts: one row per valid fact mention, renamed and cast (grain: fact_id).
create or replace view staging.stg_facts as
select
    fact_id,
    article_id,
    kind,
    text,
    start,
    "end",
    cast(value as double) as value,
    cast(value_high as double) as value_high,
    unit,
    qualifier,
    conversion_of_fact_id,
    paragraph_index,
    paragraph_role,
    section,
    lang,
    extractor_version,
    loaded_run_id
from raw.facts;

comment on view staging.stg_facts is 'One row per valid fact mention (grain: fact_id). raw.facts renamed and cast.';
comment on column staging.stg_facts.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column staging.stg_facts.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column staging.stg_facts.kind is 'Fact kind: compute (FLOPS), money (a currency amount) or percent.';
comment on column staging.stg_facts."text" is 'The mention as it stands in the article: the article''s text from start to end.';
comment on column staging.stg_facts."start" is 'Character offset where the mention starts in the article text (0-based, inclusive).';
comment on column staging.stg_facts."end" is 'Character offset where the mention ends in the article text (exclusive).';
comment on column staging.stg_facts.value is 'Normalised value: FLOPS for compute, currency units for money, percentage points for percent; low end of a range.';
comment on column staging.stg_facts.value_high is 'High end of a range in the same unit as value; null for a single value.';
comment on column staging.stg_facts.unit is 'FLOPS for compute, an ISO 4217 code for money, % for percent.';
comment on column staging.stg_facts.qualifier is 'Hedge stated with the number: about, up to, more than, ...; null when none.';
comment on column staging.stg_facts.conversion_of_fact_id is 'For a restatement in another unit, as in HK$1.18 billion ($151 million): the fact_id it restates.';
comment on column staging.stg_facts.paragraph_index is 'Index of the paragraph holding the mention (raw.paragraphs).';
comment on column staging.stg_facts.paragraph_role is 'Role of that paragraph: title, byline, body, heading, caption or boilerplate.';
comment on column staging.stg_facts.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column staging.stg_facts.lang is 'ISO 639-1 language code (of the article, or of the fact''s paragraph for facts).';
comment on column staging.stg_facts.extractor_version is 'Version of the extractor that produced the row.';
comment on column staging.stg_facts.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
