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

comment on view main.compute_capacity is 'One row per compute claim (grain: fact_id): a valid FLOPS fact that does not restate another, with its organisation.';
comment on column main.compute_capacity.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column main.compute_capacity.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column main.compute_capacity.organisation is 'Organisation the fact is attributed to (nearest name from raw.organisations); ''unattributed'' when none is named.';
comment on column main.compute_capacity.organisation_evidence is 'Where the organisation was named: before or after the fact in its paragraph, or in the title; null when unattributed.';
comment on column main.compute_capacity.flops is 'Claimed compute in FLOPS (low end of a range).';
comment on column main.compute_capacity.flops_high is 'High end of a range in FLOPS; null for a single value.';
comment on column main.compute_capacity.petaflops is 'flops / 1e15.';
comment on column main.compute_capacity.exaflops is 'flops / 1e18.';
comment on column main.compute_capacity.qualifier is 'Hedge stated with the number: about, up to, more than, ...; null when none.';
comment on column main.compute_capacity."text" is 'The mention as it stands in the article: the article''s text from start to end.';
comment on column main.compute_capacity.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column main.compute_capacity.lang is 'Language of the claim''s paragraph.';
comment on column main.compute_capacity.article_title is 'Title of the fact''s article.';
comment on column main.compute_capacity.publisher is 'Site or outlet name of the claim''s article.';
comment on column main.compute_capacity.published_at is 'Publication timestamp of the claim''s article.';
