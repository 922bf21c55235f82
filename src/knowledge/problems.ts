/** Every way `kb check` can find the knowledge base wanting; callers can switch on the code. */
export type KbProblemCode =
  | 'unreadable'
  | 'frontmatter'
  | 'schema'
  | 'id_mismatch'
  | 'duplicate_id'
  | 'duplicate_question'
  | 'unknown_tag'
  | 'underused_tag'
  | 'dangling_related'
  | 'stale_review'
  | 'too_long'
  | 'promises_cure'
  | 'endorses_product'
  | 'readability'
  | 'broken_word'
  | 'indistinct'
  | 'source_not_allowed'
  | 'source_rejected'
  | 'source_withdrawn'
  | 'dose_mismatch'
  | 'seated_not_desk'
  | 'missing_image'
  | 'invalid_image';

export type KbProblem = { file: string; path: string; code: KbProblemCode; message: string };

export const formatProblem = (p: KbProblem): string =>
  `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
