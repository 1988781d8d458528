-- investments: one row per money amount stated as an investment, spending, funding or deal
-- (a valid money fact, not a restatement, in a paragraph with investment language),
-- in its own currency and in US dollars (grain: fact_id).
create or replace view main.investments as
with money_paragraphs as (
    select
        f.*,
        lower(substring(a.text, p.start + 1, p."end" - p.start)) as paragraph_text
    from main.facts as f
    join staging.stg_articles as a using (article_id)
    join staging.stg_paragraphs as p using (article_id, paragraph_index)
    where f.kind = 'money' and not f.is_conversion
),
stated_usd as (
    select conversion_of_fact_id as fact_id, min(value) as stated_value_usd
    from main.facts
    where kind = 'money' and is_conversion and unit = 'USD'
    group by conversion_of_fact_id
)
select
    m.fact_id,
    m.article_id,
    coalesce(o.organisation, 'unattributed') as organisation,
    o.evidence as organisation_evidence,
    m.value as amount,
    m.value_high as amount_high,
    m.unit as currency,
    m.value_usd as amount_usd,
    m.value_high_usd as amount_high_usd,
    m.usd_rate,
    m.usd_rate_date,
    m.usd_rate_basis,
    s.stated_value_usd as stated_amount_usd,
    m.qualifier,
    m.text,
    m.section,
    m.lang,
    m.article_title,
    m.publisher,
    m.published_at
from money_paragraphs as m
left join main.fact_organisations as o using (fact_id)
left join stated_usd as s using (fact_id)
where regexp_matches(
    m.paragraph_text,
    'invest|spend|capex|capital expenditure|fund|rais(e|ed|ing)|financ|build|construct|'
    || 'commit|pledge|deal|acqui|stake|backing|投资|投入|融资|建设|收购|đầu tư|rót vốn|vốn'
);
