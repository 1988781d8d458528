-- staging.stg_articles: one row per article, renamed and cast for the marts (grain: article_id).
create or replace view staging.stg_articles as
select
    article_id,
    source_uri,
    content_hash,
    media_type,
    title,
    cast(published_at as timestamp) as published_at,
    cast(published_at as date) as published_on,
    published_at_source,
    publisher,
    author,
    lang,
    is_mixed_language,
    is_translated,
    translation_evidence,
    fingerprint,
    duplicate_of,
    duplicate_of is not null as is_duplicate,
    warnings,
    text,
    length(text) as count_characters,
    count_paragraphs,
    loaded_run_id
from raw.articles;

comment on view staging.stg_articles is 'One row per article (grain: article_id). raw.articles renamed and cast.';
comment on column staging.stg_articles.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column staging.stg_articles.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column staging.stg_articles.content_hash is 'SHA-256 hex of the document''s raw bytes as fetched.';
comment on column staging.stg_articles.media_type is 'text/plain or text/html, from the file suffix or content sniffing.';
comment on column staging.stg_articles.title is 'Article headline, from HTML metadata or the first title line; null when none.';
comment on column staging.stg_articles.published_at is 'Publication timestamp found in the article; null when the article states none.';
comment on column staging.stg_articles.published_on is 'Publication date (published_at cast to date).';
comment on column staging.stg_articles.publisher is 'Site or outlet name found in the article''s metadata.';
comment on column staging.stg_articles.author is 'Byline author found in the article''s metadata.';
comment on column staging.stg_articles.lang is 'ISO 639-1 language code (of the article, or of the fact''s paragraph for facts).';
comment on column staging.stg_articles.is_mixed_language is 'True when paragraphs are in more than one language.';
comment on column staging.stg_articles.is_translated is 'True when the article shows evidence of machine or human translation.';
comment on column staging.stg_articles.translation_evidence is 'The cues that marked the article as translated.';
comment on column staging.stg_articles.fingerprint is 'MinHash fingerprint of the text, for near-duplicate detection.';
comment on column staging.stg_articles."text" is 'Normalised article text; every fact span indexes into it.';
comment on column staging.stg_articles.count_characters is 'Length of the normalised article text in characters.';
comment on column staging.stg_articles.count_paragraphs is 'Number of paragraphs the article was split into.';
comment on column staging.stg_articles.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
comment on column staging.stg_articles.published_at_source is 'The text or metadata value published_at was read from.';
comment on column staging.stg_articles.duplicate_of is 'article_id of the earlier article this one near-duplicates; null for an original.';
comment on column staging.stg_articles.is_duplicate is 'True for a near-duplicate of an earlier article (its facts are not loaded twice).';
comment on column staging.stg_articles.warnings is 'What normalisation had to repair or guess.';
