-- ingest_errors: one row per document a run could not read or process, with why
-- (grain: run_id, source_uri, stage).
create or replace view main.ingest_errors as
select
    e.run_id,
    e.source_uri,
    e.stage,
    e.error,
    e.content_hash,
    e.recorded_at,
    r.started_at as run_started_at
from staging.stg_ingest_errors as e
left join staging.stg_runs as r using (run_id);

comment on view main.ingest_errors is 'One row per document a run could not read or process, with why (grain: run_id, source_uri, stage).';
comment on column main.ingest_errors.run_id is 'Run key (raw.runs.run_id).';
comment on column main.ingest_errors.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column main.ingest_errors.stage is 'Where it went wrong: source (a configured path or WARC file is missing), discover (a feed or sitemap could not be listed), fetch (a download failed), robots (robots.txt forbids the URL: recorded, never fetched, not counted as a failure), warc (a damaged archive), read, decode (a warning: loaded with U+FFFD), normalise or extract.';
comment on column main.ingest_errors.error is 'The error, in words (exception type and message).';
comment on column main.ingest_errors.content_hash is 'SHA-256 of the bytes when they could be read; null otherwise.';
comment on column main.ingest_errors.recorded_at is 'When the error was recorded (UTC).';
comment on column main.ingest_errors.run_started_at is 'When the run that recorded the error started (UTC).';
