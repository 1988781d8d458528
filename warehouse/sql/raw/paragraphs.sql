-- raw.paragraphs: one row per paragraph of an article (grain: article_id, paragraph_index).
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
    loaded_run_id varchar not null,
    primary key (article_id, paragraph_index)
);

-- columns added after the first release: older warehouse files gain them on migrate
alter table raw.paragraphs add column if not exists role_reason varchar;
alter table raw.paragraphs add column if not exists lang_confidence double;
