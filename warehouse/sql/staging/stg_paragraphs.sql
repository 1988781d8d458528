-- staging.stg_paragraphs: one row per paragraph of an article (grain: article_id, paragraph_index).
create or replace view staging.stg_paragraphs as
select
    article_id,
    paragraph_index,
    start,
    "end",
    role,
    role_reason,
    lang,
    lang_confidence,
    section
from raw.paragraphs;

comment on view staging.stg_paragraphs is 'One row per paragraph (grain: article_id, paragraph_index). raw.paragraphs renamed and cast.';
