-- market_shares: one row per percentage measuring a share of a market (measure
-- market_share), with the organisation that holds it and the market it is of when stated
-- (grain: fact_id), from main.claims: repeats are left out. Growth rates and other ratios
-- are not shares.
create or replace view main.market_shares as
select
    f.fact_id,
    f.article_id,
    f.organisation,
    f.subject_text,
    f.organisation_evidence,
    f.market,
    f.country,
    f.period,
    f.value as share_percent,
    f.value_high as share_percent_high,
    f.qualifier,
    f.text,
    f.sentence,
    f.section,
    f.lang,
    f.article_title,
    f.publisher,
    f.published_at
from main.claims as f
where f.kind = 'percent' and f.measure = 'market_share';

comment on view main.market_shares is 'One row per percentage measuring a market share (grain: fact_id), with the organisation holding it and the market it is of; repeats are left out.';
comment on column main.market_shares.market is 'The market the share is of, when stated (AI accelerators, cloud, FPGA, ...).';
comment on column main.market_shares.share_percent is 'Share in percentage points (low end of a range).';
comment on column main.market_shares.share_percent_high is 'High end of a range in percentage points.';
