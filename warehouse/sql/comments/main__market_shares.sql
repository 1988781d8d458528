-- main.market_shares: comments on the view and each of its columns.
-- One row per percentage stated as a share of a market (grain: fact_id).
comment on view main.market_shares is 'One row per percentage stated as a share of a market (grain: fact_id): a valid percent fact near market-share language, with its organisation.';
comment on column main.market_shares.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column main.market_shares.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column main.market_shares.organisation is 'Organisation the fact is attributed to (nearest name from raw.organisations); ''unattributed'' when none is named.';
comment on column main.market_shares.organisation_evidence is 'Where the organisation was named: before or after the fact in its paragraph, or in the title; null when unattributed.';
comment on column main.market_shares.share_percent is 'Share in percentage points (low end of a range).';
comment on column main.market_shares.share_percent_high is 'High end of a range in percentage points.';
comment on column main.market_shares.qualifier is 'Hedge stated with the number: about, up to, more than, ...; null when none.';
comment on column main.market_shares."text" is 'Normalised article text; every fact span indexes into it.';
comment on column main.market_shares.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column main.market_shares.lang is 'Language of the share''s paragraph.';
comment on column main.market_shares.article_title is 'Title of the fact''s article.';
comment on column main.market_shares.publisher is 'Site or outlet name of the share''s article.';
comment on column main.market_shares.published_at is 'Publication timestamp of the share''s article.';
