-- compute_capacity: one row per compute claim (main.claims of kind compute: every FLOPS
-- figure measures computing_power), with the organisation it belongs to and the country it
-- is in (grain: fact_id). Conversions and repeats are left out, so claims may be summed.
create or replace view main.compute_capacity as
select
    f.fact_id,
    f.article_id,
    f.organisation,
    f.subject_text,
    f.organisation_evidence,
    f.country,
    f.period,
    f.value as flops,
    f.value_high as flops_high,
    f.value / 1e15 as petaflops,
    f.value / 1e18 as exaflops,
    f.qualifier,
    f.text,
    f.sentence,
    f.section,
    f.lang,
    f.article_title,
    f.publisher,
    f.published_at
from main.claims as f
where f.kind = 'compute';

comment on view main.compute_capacity is 'One row per compute claim (grain: fact_id): a valid FLOPS fact that is neither a conversion nor a repeat, with its organisation and country.';
comment on column main.compute_capacity.flops is 'Claimed compute in FLOPS (low end of a range).';
comment on column main.compute_capacity.flops_high is 'High end of a range in FLOPS; null for a single value.';
comment on column main.compute_capacity.petaflops is 'flops / 1e15.';
comment on column main.compute_capacity.exaflops is 'flops / 1e18.';
