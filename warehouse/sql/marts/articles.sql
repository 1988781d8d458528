-- articles: one row per article, with its fact counts (grain: article_id).
create or replace view main.articles as
with fact_counts as (
    select article_id, count(*) as count_facts
    from staging.stg_facts
    group by article_id
),
quarantine_counts as (
    select article_id, count(*) as count_quarantined_facts
    from staging.stg_quarantined_facts
    group by article_id
)
select
    a.article_id,
    a.title,
    a.publisher,
    a.author,
    a.published_at,
    a.lang,
    a.is_mixed_language,
    a.is_translated,
    a.media_type,
    a.is_duplicate,
    a.duplicate_of,
    a.source_uri,
    coalesce(fc.count_facts, 0) as count_facts,
    coalesce(qc.count_quarantined_facts, 0) as count_quarantined_facts,
    a.count_paragraphs,
    a.count_characters,
    a.loaded_run_id
from staging.stg_articles as a
left join fact_counts as fc using (article_id)
left join quarantine_counts as qc using (article_id);

comment on view main.articles is 'One row per article (grain: article_id), with how many facts it gave.';
comment on column main.articles.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column main.articles.title is 'Article headline, from HTML metadata or the first title line; null when none.';
comment on column main.articles.publisher is 'Site or outlet name found in the article''s metadata.';
comment on column main.articles.author is 'Byline author found in the article''s metadata.';
comment on column main.articles.published_at is 'Publication timestamp found in the article; null when the article states none.';
comment on column main.articles.lang is 'ISO 639-1 language code (of the article, or of the fact''s paragraph for facts).';
comment on column main.articles.is_mixed_language is 'True when paragraphs are in more than one language.';
comment on column main.articles.is_translated is 'True when the article shows evidence of machine or human translation.';
comment on column main.articles.media_type is 'text/plain or text/html, from the file suffix or content sniffing.';
comment on column main.articles.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column main.articles.count_facts is 'Valid facts found in the article.';
comment on column main.articles.count_quarantined_facts is 'Fact mentions of the article that were quarantined.';
comment on column main.articles.count_paragraphs is 'Number of paragraphs the article was split into.';
comment on column main.articles.count_characters is 'Length of the normalised article text in characters.';
comment on column main.articles.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
comment on column main.articles.is_duplicate is 'True for a near-duplicate of an earlier article: kept, but its facts are the original''s and are not loaded twice.';
comment on column main.articles.duplicate_of is 'article_id of the original this article near-duplicates; null for an original.';
