-- staging.stg_quarantined_facts: one row per fact mention kept out of the marts
-- (grain: fact_id).
create or replace view staging.stg_quarantined_facts as
select
    fact_id,
    article_id,
    kind,
    text,
    start,
    "end",
    value,
    value_high,
    unit,
    status,
    qualifier,
    conversion_of_fact_id,
    paragraph_index,
    paragraph_role,
    section,
    lang,
    extractor_version,
    failed_checks,
    reason,
    loaded_run_id
from raw.quarantined_facts;
