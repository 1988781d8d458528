-- raw.raw_documents: comments on the table and each of its columns.
-- One row per distinct document content (grain: content_hash).
comment on table raw.raw_documents is 'One row per distinct document content (grain: content_hash). The bytes exactly as fetched, for reprocessing without refetching.';
comment on column raw.raw_documents.content_hash is 'SHA-256 hex of the document''s raw bytes as fetched.';
comment on column raw.raw_documents.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column raw.raw_documents.media_type is 'text/plain or text/html, from the file suffix or content sniffing.';
comment on column raw.raw_documents.provenance is 'Where inside the source the document was: e.g. the WARC-Record-ID.';
comment on column raw.raw_documents.fetched_at is 'When the bytes were read or downloaded (UTC).';
comment on column raw.raw_documents.content is 'The document''s bytes, untouched.';
comment on column raw.raw_documents.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
