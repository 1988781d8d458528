-- raw.paragraphs: comments on the table and each of its columns.
-- One row per paragraph of an article (grain: article_id, paragraph_index).
comment on table raw.paragraphs is 'One row per paragraph of an article (grain: article_id, paragraph_index).';
comment on column raw.paragraphs.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column raw.paragraphs.paragraph_index is 'Index of the paragraph holding the mention (raw.paragraphs).';
comment on column raw.paragraphs."start" is 'Character offset where the paragraph starts in the article text.';
comment on column raw.paragraphs."end" is 'Character offset where the paragraph ends in the article text (exclusive).';
comment on column raw.paragraphs.role is 'Paragraph role: title, byline, body, heading, caption or boilerplate.';
comment on column raw.paragraphs.lang is 'ISO 639-1 language code detected for the paragraph.';
comment on column raw.paragraphs.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column raw.paragraphs.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
comment on column raw.paragraphs.role_reason is 'Why the paragraph got its role (the rule that matched).';
comment on column raw.paragraphs.lang_confidence is 'Confidence of the language detected for the paragraph (0 to 1).';
