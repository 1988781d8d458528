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
    revision_of,
    revision_of is not null as is_revision,
    warnings,
    text,
    length(text) as count_characters,
    count_paragraphs,
    loaded_run_id
from raw.articles;

comment on view staging.stg_articles is 'One row per article (grain: article_id). raw.articles renamed and cast.';
comment on column staging.stg_articles.published_on is 'Publication date (published_at cast to date).';
comment on column staging.stg_articles.count_characters is 'Length of the normalised article text in characters.';
comment on column staging.stg_articles.is_duplicate is 'True for a near-duplicate of an earlier article (its facts are not loaded twice).';
comment on column staging.stg_articles.is_revision is 'True for a revision of an earlier article (a near-duplicate stating a figure it does not): its facts are loaded.';
