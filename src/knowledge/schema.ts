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
export const BodyArea = z.enum(['hips', 'glutes', 'hamstrings', 'quads', 'core', 'upper-back', 'neck', 'lower-back', 'whole-body']);
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

/** A count or a span: `5`, or `[5, 10]` for "5 to 10" (the first no larger than the second). */
const amount = (max: number) =>
  z.union([
    z.number().int().min(1).max(max),
    z
      .tuple([z.number().int().min(1).max(max), z.number().int().min(1).max(max)])
      .refine(([a, b]) => a < b, 'a span is [smaller, larger]; use a single number when they are equal'),
  ]);
export type Amount = number | [number, number];

/**
 * How much of a routine to do and how often: what someone asks straight after the steps ("how long
 * do I hold it?"). Every number here must also appear in the steps, so the two never disagree.
 */
export const StretchDoseSchema = z
  .strictObject({
    /** Seconds to hold each stretch position, e.g. `[20, 30]`. Leave out for moves that are not held (or held for a breath). */
    hold_s: amount(120).optional(),
    /** Repeats in one go, e.g. `2` or `[5, 10]`; counted per side when `each_side` is true. */
    reps: amount(30).optional(),
    /** Rounds of `reps` in one go, e.g. `[1, 2]` for "rest, then one more set if you like". Leave out for one. */
    sets: amount(5).optional(),
    /** Seconds of continuous movement, for routines that are neither held nor counted (a walk: `[120, 300]`). */
    for_s: amount(900).optional(),
    /** True when `hold_s` and `reps` apply to each side (each leg, each direction). */
    each_side: z.boolean().default(false),
    /** How often in a day, in plain words that finish the sentence: "a few times a day", "every 30 to 60 minutes of sitting". */
    per_day: z.string().min(3).max(60),
  })
  .refine((d) => d.hold_s !== undefined || d.reps !== undefined || d.for_s !== undefined, {
    message: 'a dose needs hold_s, reps or for_s: how long to hold, how many repeats, or how long to keep going',
  });
export type StretchDose = z.infer<typeof StretchDoseSchema>;

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
  /** Doable at work in work clothes, at or near the desk, without getting on the floor: what "at my desk" requests get. */
  desk_friendly: z.boolean(),
  /** Done sitting in an ordinary chair, in work clothes (so also desk-friendly): what "in my chair" requests get. */
  seated: z.boolean(),
  /** How long to hold or how many repeats, and how often in a day; shown with every answer. */
  dose: StretchDoseSchema,
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

/** A host name in lower case, without scheme or path: `nhs.uk`, `bjsm.bmj.com`. */
export const HostName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'expected a host name in lower case, such as nhs.uk (no scheme, no path)');

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

/** A publisher whose own pages entries may cite. */
export const AllowedDomainSchema = z.strictObject({
  /** The publisher's domain; its subdomains are allowed too (`nhs.uk` covers www.nhs.uk and the NHS trusts' sites). */
  domain: HostName,
  /** Who publishes there, for the people who read the list. */
  publisher: z.string().min(2),
});
export type AllowedDomain = z.infer<typeof AllowedDomainSchema>;

/** A host whose pages are copies, mirrors, archives or translations (or a retired site): never cited. */
export const RejectedHostSchema = z.strictObject({
  /** The host; its subdomains are rejected too. A rejected host wins over an allowed domain it sits under. */
  host: HostName,
  /**
   * Only URLs whose path and query string match this regular expression (case-insensitive) are
   * rejected; without it, every page on the host is. Used for the translated pages of an allowed publisher.
   */
  path: z.string().min(1).refine(compiles, 'not a valid regular expression').optional(),
  /** What the host is and what to cite instead; `kb check` prints it. */
  reason: z.string().min(10),
});
export type RejectedHost = z.infer<typeof RejectedHostSchema>;

/** A review its publisher has withdrawn: no URL that carries its DOI may be cited. */
export const WithdrawnReviewSchema = z.strictObject({
  /** The DOI without a version suffix: `10.1002/14651858.CD004750` also covers `.pub2` and every other version. */
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'expected a DOI such as 10.1002/14651858.CD004750'),
  /** The review's title, as `kb check` names it. */
  title: z.string().min(3),
  /** Why it may not be cited, and what to cite instead. */
  reason: z.string().min(10),
  /** Other addresses of the review that do not carry the DOI (a PubMed record, say); matched as prefixes. */
  urls: z.array(z.url({ protocol: /^https?$/ })).default([]),
});
export type WithdrawnReview = z.infer<typeof WithdrawnReviewSchema>;

/** knowledge/sources.yaml: which publishers may be cited, which hosts never, and which reviews are withdrawn. */
export const SourcesFileSchema = z
  .strictObject({
    /** Publishers whose own pages may be cited. A URL on no allowed domain is an error. */
    allowed: z.array(AllowedDomainSchema).min(1),
    /** Copies, mirrors, archives, translations and retired sites, each with its reason. */
    rejected: z.array(RejectedHostSchema).default([]),
    /** Withdrawn reviews, by DOI. */
    withdrawn: z.array(WithdrawnReviewSchema).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.allowed.forEach((a, i) => {
      if (seen.has(a.domain)) ctx.addIssue({ code: 'custom', path: ['allowed', i, 'domain'], message: `"${a.domain}" is listed twice` });
      seen.add(a.domain);
    });
    const rules = new Set<string>();
    file.rejected.forEach((r, i) => {
      const key = `${r.host} ${r.path ?? ''}`;
      if (rules.has(key)) ctx.addIssue({ code: 'custom', path: ['rejected', i, 'host'], message: `"${r.host}"${r.path ? ` with path ${r.path}` : ''} is listed twice` });
      rules.add(key);
      if (!r.path && seen.has(r.host)) ctx.addIssue({ code: 'custom', path: ['rejected', i, 'host'], message: `"${r.host}" is both allowed and rejected` });
    });
    const dois = new Set<string>();
    file.withdrawn.forEach((w, i) => {
      const doi = w.doi.toLowerCase();
      if (dois.has(doi)) ctx.addIssue({ code: 'custom', path: ['withdrawn', i, 'doi'], message: `${w.doi} is listed twice` });
      dois.add(doi);
    });
  });
export type SourcesFile = z.infer<typeof SourcesFileSchema>;

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
