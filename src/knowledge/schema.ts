import { z } from 'zod';

/** kebab-case id, also the file name (`knowledge/entries/<id>.md`). */
export const EntryId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected kebab-case (a-z, 0-9 and single dashes)');

export const SourceSchema = z.strictObject({
  /** Title of the page, guideline or paper. */
  title: z.string().min(3),
  /** Who published it: NHS, NICE, Cochrane, a journal… */
  publisher: z.string().min(2),
  /** Where a reader can find it. */
  url: z.url({ protocol: /^https?$/ }),
  /** Year of publication, or "n.d." for an undated page (say so rather than guess). */
  year: z.union([z.number().int().min(1980).max(2100), z.literal('n.d.')]),
});
export type Source = z.infer<typeof SourceSchema>;

export const EntryKind = z.enum(['faq', 'tip', 'stretch', 'about']);
export type EntryKind = z.infer<typeof EntryKind>;

/** Body areas a stretch routine works on; rotation balances over these. */
export const BodyArea = z.enum(['hips', 'glutes', 'hamstrings', 'core', 'upper-back', 'neck', 'lower-back', 'whole-body']);
export type BodyArea = z.infer<typeof BodyArea>;

const base = {
  /** kebab-case, equals the file name */
  id: EntryId,
  /** Short title shown above the answer. */
  title: z.string().min(3).max(90),
  /** faq answers questions, tip is a one-liner, stretch is a routine, about describes the bot. */
  kind: EntryKind,
  /** 1–4 tags from knowledge/tags.yaml. */
  tags: z.array(z.string()).min(1).max(4),
  /** At least 3 ways people ask for this, in their own words. */
  questions: z.array(z.string().min(3)).min(3),
  /** The chat answer: plain words, at most 500 characters. */
  summary: z.string().min(20).max(500),
  /** At least one source the content rests on. */
  sources: z.array(SourceSchema).min(1),
  /** When a person last checked the entry against its sources. */
  reviewed: z.coerce.date(),
  /** Ids of related entries, offered as follow-ups. */
  related: z.array(EntryId).default([]),
};

export const FaqEntrySchema = z.strictObject({ ...base, kind: z.enum(['faq', 'tip', 'about']) });

export const StretchEntrySchema = z.strictObject({
  ...base,
  kind: z.literal('stretch'),
  /** How long the routine takes, 60–300 seconds. */
  duration_s: z.number().int().min(30).max(300),
  /** Body areas it works on. */
  targets: z.array(BodyArea).min(1).max(3),
  /** Numbered steps, one instruction each. */
  steps: z.array(z.string().min(3).max(200)).min(2).max(8),
  /** When to stop or skip it. */
  cautions: z.array(z.string().min(3).max(200)).min(1),
  /** Doable at a desk in work clothes. */
  desk_friendly: z.boolean(),
});

/** Frontmatter of a knowledge entry: the kind decides which fields it needs. */
export const FrontmatterSchema = z.discriminatedUnion('kind', [
  FaqEntrySchema.extend({ kind: z.literal('faq') }),
  FaqEntrySchema.extend({ kind: z.literal('tip') }),
  FaqEntrySchema.extend({ kind: z.literal('about') }),
  StretchEntrySchema,
]);
export type Frontmatter = z.infer<typeof FrontmatterSchema>;

/** A loaded entry: frontmatter plus its Markdown body and where it came from. */
export type Entry = Frontmatter & { body: string; file: string };
export type StretchEntry = Extract<Entry, { kind: 'stretch' }>;

export const isStretch = (e: Entry): e is StretchEntry => e.kind === 'stretch';

/** knowledge/tags.yaml: groups of tag → description. */
export const TagsFileSchema = z.strictObject({
  groups: z.record(z.string(), z.record(EntryId, z.string().min(3))),
});
export type TagsFile = z.infer<typeof TagsFileSchema>;

/** knowledge/synonyms.yaml: each group lists words and phrases that mean the same thing. */
export const SynonymsFileSchema = z.strictObject({
  groups: z.array(z.array(z.string().min(1)).min(2)),
});
export type SynonymsFile = z.infer<typeof SynonymsFileSchema>;
