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
comment on column staging.stg_paragraphs.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column staging.stg_paragraphs.paragraph_index is 'Index of the paragraph holding the mention (raw.paragraphs).';
comment on column staging.stg_paragraphs."start" is 'Character offset where the paragraph starts in the article text.';
comment on column staging.stg_paragraphs."end" is 'Character offset where the paragraph ends in the article text (exclusive).';
comment on column staging.stg_paragraphs.role is 'Paragraph role: title, byline, body, heading, caption or boilerplate.';
comment on column staging.stg_paragraphs.lang is 'ISO 639-1 language code detected for the paragraph.';
comment on column staging.stg_paragraphs.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column staging.stg_paragraphs.role_reason is 'Why the paragraph got its role (the rule that matched).';
comment on column staging.stg_paragraphs.lang_confidence is 'Confidence of the paragraph''s detected language (0 to 1).';
