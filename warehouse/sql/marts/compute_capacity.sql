-- compute_capacity: one row per compute claim (a valid FLOPS fact that is not a restatement
-- of another), with the organisation it is attributed to (grain: fact_id).
create or replace view main.compute_capacity as
select
    f.fact_id,
    f.article_id,
    coalesce(o.organisation, 'unattributed') as organisation,
    o.evidence as organisation_evidence,
    f.value as flops,
    f.value_high as flops_high,
    f.value / 1e15 as petaflops,
    f.value / 1e18 as exaflops,
    f.qualifier,
    f.text,
    f.section,
    f.lang,
    f.article_title,
    f.publisher,
    f.published_at
from main.facts as f
left join main.fact_organisations as o using (fact_id)
where f.kind = 'compute' and not f.is_conversion;
