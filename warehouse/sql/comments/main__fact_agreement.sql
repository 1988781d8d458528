-- main.fact_agreement: comments on the view and each of its columns.
-- One row per pair of valid facts in different articles stating the same quantity (grain: fact_id, other_fact_id).
comment on view main.fact_agreement is 'One row per pair of valid facts in different articles stating the same quantity (grain: fact_id, other_fact_id).';
comment on column main.fact_agreement.fact_id is 'One fact of the pair (the smaller id).';
comment on column main.fact_agreement.other_fact_id is 'The other fact of the pair.';
comment on column main.fact_agreement.kind is 'compute or money.';
comment on column main.fact_agreement.unit is 'The unit both state (FLOPS or an ISO 4217 code).';
comment on column main.fact_agreement.value is 'The value of fact_id (other_fact_id agrees to one part in a million).';
comment on column main.fact_agreement.value_high is 'The high end of a range, or null.';
comment on column main.fact_agreement.text is 'fact_id as written.';
comment on column main.fact_agreement.other_text is 'other_fact_id as written.';
comment on column main.fact_agreement.article_id is 'The article of fact_id.';
comment on column main.fact_agreement.other_article_id is 'The article of other_fact_id.';
comment on column main.fact_agreement.publisher is 'The publisher of article_id.';
comment on column main.fact_agreement.other_publisher is 'The publisher of other_article_id.';
comment on column main.fact_agreement.published_at is 'When article_id was published.';
comment on column main.fact_agreement.other_published_at is 'When other_article_id was published.';
comment on column main.fact_agreement.is_same_story is 'The two articles are near-duplicates (one repeats the other): syndication, not corroboration.';
comment on column main.fact_agreement.link_kind is 'Always agreement.';
comment on column main.fact_agreement.is_written_differently is 'The two texts differ, e.g. 3.74 exaFLOPS and 3,740 petaflops.';
