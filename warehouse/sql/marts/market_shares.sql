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

comment on view main.market_shares is 'One row per percentage stated as a share of a market (grain: fact_id): a valid percent fact near market-share language, with its organisation.';
comment on column main.market_shares.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column main.market_shares.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column main.market_shares.organisation is 'Organisation the fact is attributed to (nearest name from raw.organisations); ''unattributed'' when none is named.';
comment on column main.market_shares.organisation_evidence is 'Where the organisation was named: before or after the fact in its paragraph, or in the title; null when unattributed.';
comment on column main.market_shares.share_percent is 'Share in percentage points (low end of a range).';
comment on column main.market_shares.share_percent_high is 'High end of a range in percentage points.';
comment on column main.market_shares.qualifier is 'Hedge stated with the number: about, up to, more than, ...; null when none.';
comment on column main.market_shares."text" is 'The mention as it stands in the article: the article''s text from start to end.';
comment on column main.market_shares.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column main.market_shares.lang is 'Language of the share''s paragraph.';
comment on column main.market_shares.article_title is 'Title of the fact''s article.';
comment on column main.market_shares.publisher is 'Site or outlet name of the share''s article.';
comment on column main.market_shares.published_at is 'Publication timestamp of the share''s article.';
