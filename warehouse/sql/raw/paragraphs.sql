-- raw.paragraphs: one row per paragraph of an article (grain: article_id, paragraph_index).
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.paragraphs (
    article_id varchar not null,
    paragraph_index integer not null,
    start integer not null,
    "end" integer not null,
    role varchar not null,
    role_reason varchar,
    lang varchar,
    lang_confidence double,
    section varchar,
    loaded_run_id varchar not null
);

-- columns added after the first release: older warehouse files gain them on migrate
alter table raw.paragraphs add column if not exists role_reason varchar;
alter table raw.paragraphs add column if not exists lang_confidence double;
