-- market_shares: one row per percentage stated as a share of a market (a valid percent fact
-- within 80 characters of market-share language), with the organisation it is attributed
-- to (grain: fact_id).
create or replace view main.market_shares as
with percent_windows as (
    select
        f.*,
        lower(
            substring(
                a.text,
                greatest(p.start, f.start - 80) + 1,
                least(p."end", f."end" + 80) - greatest(p.start, f.start - 80)
            )
        ) as window_text
    from main.facts as f
    join staging.stg_articles as a using (article_id)
    join staging.stg_paragraphs as p using (article_id, paragraph_index)
    where f.kind = 'percent'
)
select
    w.fact_id,
    w.article_id,
    coalesce(o.organisation, 'unattributed') as organisation,
    o.evidence as organisation_evidence,
    w.value as share_percent,
    w.value_high as share_percent_high,
    w.qualifier,
    w.text,
    w.section,
    w.lang,
    w.article_title,
    w.publisher,
    w.published_at
from percent_windows as w
left join main.fact_organisations as o using (fact_id)
where regexp_matches(
    w.window_text,
    'market share|share of|of the market|market|controls?|dominat|'
    || '份额|市场|占有率|thị phần|thị trường'
);
