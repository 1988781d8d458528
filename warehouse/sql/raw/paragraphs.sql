-- raw.paragraphs: one row per paragraph of an article (grain: article_id, paragraph_index).
create table if not exists raw.paragraphs (
    article_id varchar not null,
    paragraph_index integer not null,
    start integer not null,
    "end" integer not null,
    role varchar not null,
    lang varchar,
    section varchar,
    loaded_run_id varchar not null,
    primary key (article_id, paragraph_index)
);
