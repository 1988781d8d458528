-- staging.stg_ingest_errors: one row per document a run could not read or process
-- (grain: run_id, source_uri, stage).
create or replace view staging.stg_ingest_errors as
select
    run_id,
    source_uri,
    stage,
    error,
    content_hash,
    cast(recorded_at as timestamptz) as recorded_at
from raw.ingest_errors;

comment on view staging.stg_ingest_errors is 'One row per document a run could not read or process (grain: run_id, source_uri, stage). raw.ingest_errors renamed and cast.';
comment on column staging.stg_ingest_errors.run_id is 'Run key (raw.runs.run_id).';
comment on column staging.stg_ingest_errors.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column staging.stg_ingest_errors.stage is 'Where it went wrong: source (a configured path or WARC file is missing), discover (a feed or sitemap could not be listed), fetch (a download failed), robots (robots.txt forbids the URL: recorded, never fetched, not counted as a failure), warc (a damaged archive), read, decode (a warning: loaded with U+FFFD), normalise or extract.';
comment on column staging.stg_ingest_errors.error is 'The error, in words (exception type and message).';
comment on column staging.stg_ingest_errors.content_hash is 'SHA-256 of the bytes when they could be read; null otherwise.';
comment on column staging.stg_ingest_errors.recorded_at is 'When the error was recorded (UTC).';
