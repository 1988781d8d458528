-- facts: one row per valid fact mention, with its article's context and, for money, its
-- value in US dollars at the ECB rate of the publication date (grain: fact_id).
create or replace view main.facts as
with dated_facts as (
    select
        f.*,
        a.title as article_title,
        a.publisher,
        a.published_at,
        coalesce(a.published_on, r.started_on) as rate_lookup_on,
        case
            when a.published_on is not null then 'published_at'
            when r.started_on is not null then 'run_started_at'
        end as rate_lookup_basis,
        case when f.kind = 'money' then f.unit end as rate_currency
    from staging.stg_facts as f
    join staging.stg_articles as a using (article_id)
    left join staging.stg_runs as r on r.run_id = f.loaded_run_id
)
select
    d.fact_id,
    d.article_id,
    d.kind,
    d.text,
    d.start,
    d."end",
    d.value,
    d.value_high,
    d.unit,
    d.value * rate.usd_per_unit as value_usd,
    d.value_high * rate.usd_per_unit as value_high_usd,
    rate.usd_per_unit as usd_rate,
    rate.rate_date as usd_rate_date,
    case when rate.rate_date is not null then d.rate_lookup_basis end as usd_rate_basis,
    d.qualifier,
    d.conversion_of_fact_id,
    d.conversion_of_fact_id is not null as is_conversion,
    d.paragraph_index,
    d.paragraph_role,
    d.section,
    d.lang,
    d.article_title,
    d.publisher,
    d.published_at,
    d.extractor_version,
    d.loaded_run_id
from dated_facts as d
asof left join main.usd_rates as rate
    on d.rate_currency = rate.currency and d.rate_lookup_on >= rate.rate_date;
