-- raw.articles: comments on the view and each of its columns.
-- One row per article (grain: article_id).
comment on view raw.articles is 'One row per article (grain: article_id). Normalised text and metadata of each distinct document.';
comment on column raw.articles.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column raw.articles.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column raw.articles.content_hash is 'SHA-256 hex of the document''s raw bytes as fetched.';
comment on column raw.articles.media_type is 'text/plain or text/html, from the file suffix or content sniffing.';
comment on column raw.articles.title is 'Article headline, from HTML metadata or the first title line; null when none.';
comment on column raw.articles.published_at is 'Publication timestamp found in the article; null when the article states none.';
comment on column raw.articles.publisher is 'Site or outlet name found in the article''s metadata.';
comment on column raw.articles.author is 'Byline author found in the article''s metadata.';
comment on column raw.articles.lang is 'ISO 639-1 language code (of the article, or of the fact''s paragraph for facts).';
comment on column raw.articles.is_mixed_language is 'True when paragraphs are in more than one language.';
comment on column raw.articles.is_translated is 'True when the article shows evidence of machine or human translation.';
comment on column raw.articles.translation_evidence is 'The cues that marked the article as translated.';
comment on column raw.articles.fingerprint is 'MinHash fingerprint of the text, for near-duplicate detection.';
comment on column raw.articles."text" is 'Normalised article text; every fact span indexes into it.';
comment on column raw.articles.count_paragraphs is 'Number of paragraphs the article was split into.';
comment on column raw.articles.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
comment on column raw.articles.published_at_source is 'The text or metadata value published_at was read from.';
comment on column raw.articles.duplicate_of is 'For a near-duplicate of an article loaded earlier (same story, another site): that article''s article_id; its facts are not loaded twice. Null for an original.';
comment on column raw.articles.warnings is 'What normalisation had to repair or guess (decoding, mojibake, undecodable bytes).';
