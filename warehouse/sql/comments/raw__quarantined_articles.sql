-- raw.quarantined_articles: comments on the table and each of its columns.
-- One row per article that failed its contract (grain: article_id).
comment on table raw.quarantined_articles is 'One row per article that failed its contract (grain: article_id).';
comment on column raw.quarantined_articles.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column raw.quarantined_articles.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column raw.quarantined_articles.content_hash is 'SHA-256 hex of the document''s raw bytes as fetched.';
comment on column raw.quarantined_articles.title is 'Article headline, from HTML metadata or the first title line; null when none.';
comment on column raw.quarantined_articles.failed_checks is 'Names of the contract checks the row failed.';
comment on column raw.quarantined_articles.reason is 'Why the row was quarantined, in words.';
comment on column raw.quarantined_articles.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
