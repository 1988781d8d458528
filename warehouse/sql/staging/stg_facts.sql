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
