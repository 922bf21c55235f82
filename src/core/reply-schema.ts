import { z } from 'zod';
import { SourceSchema, EntryKind } from '../knowledge/schema.js';

/** What a person (or an adapter) sends into the core. */
export const ChatRequestSchema = z.strictObject({
  /** The message as typed, mentions already stripped by the adapter. */
  text: z.string(),
  /** Stable id of the conversation (thread, DM, terminal session); follow-ups use it. */
  conversation: z.string().min(1).max(300).optional(),
  /** Where it came from; only used to word a few replies. */
  platform: z.enum(['cli', 'slack', 'discord']).default('cli'),
  /**
   * Who asked and where, as platform ids: for the per-user and per-channel rate limits and the
   * anonymous per-channel counts. The user id is never stored or logged. Absent (the CLI): no limits.
   */
  from: z.strictObject({
    /** Slack team or Discord guild id. */
    workspace: z.string().min(1).max(200),
    /** Channel or direct-message id. */
    channel: z.string().min(1).max(200),
    /** The asker's platform user id. */
    user: z.string().min(1).max(200),
    /** A direct message: counted under "direct messages", not its channel, so one person's questions stay anonymous. */
    direct: z.boolean().default(false),
  }).optional(),
});
export type ChatRequest = z.input<typeof ChatRequestSchema>;

/** A pointer to an entry, enough to render a button or a link. */
export const EntryRefSchema = z.strictObject({
  entryId: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  kind: EntryKind,
});
export type EntryRef = z.infer<typeof EntryRefSchema>;

const common = {
  /** The whole reply as plain text (what the terminal prints, and the platforms' fallback text). */
  text: z.string().min(1).max(6000),
  /** How sure the core is, 0–1. */
  confidence: z.number().min(0).max(1),
  /** Short remarks shown above the reply, e.g. that a long message was cut. */
  notes: z.array(z.string()).default([]),
};

export const AnswerReplySchema = z.strictObject({
  ...common,
  kind: z.literal('answer'),
  entry: EntryRefSchema,
  summary: z.string().min(1),
  /** A stretch routine's steps, in order. */
  steps: z.array(z.string()).default([]),
  /** When to stop or skip (stretch routines). */
  cautions: z.array(z.string()).default([]),
  /** Seconds a routine takes, when the entry is a routine. */
  durationS: z.number().int().positive().nullable().default(null),
  /** A routine's dose and setting in one line ("Dose: hold 20–30 s, 2 times each side, a few times a day. Can be done seated, in work clothes."); null for other entries. */
  dose: z.string().min(1).nullable().default(null),
  sources: z.array(SourceSchema).min(1),
  related: z.array(EntryRefSchema).max(4).default([]),
  /** Questions the person might ask next, as plain text. */
  followUps: z.array(z.string()).max(4).default([]),
  /** True when the answer is health information, so renderers add "education, not medical advice". */
  medical: z.boolean(),
  /** The short safety-net reply for alarming words no rule placed (summary holds its text). */
  safetyNet: z.boolean().optional(),
});

export const ClarifyReplySchema = z.strictObject({
  ...common,
  kind: z.literal('clarify'),
  options: z.array(EntryRefSchema).min(2).max(4),
});

export const Urgency = z.enum(['emergency', 'same_day']);
export type Urgency = z.infer<typeof Urgency>;

export const UrgentReplySchema = z.strictObject({
  ...common,
  kind: z.literal('urgent'),
  urgency: Urgency,
  /** Id of the safety rule that fired (for tests and counts; never logged with the message). */
  ruleId: z.string(),
  /** True for crisis and self-harm language. */
  crisis: z.boolean(),
  /** Whether the message was about the writer, someone else, or both; the wording follows it. */
  about: z.enum(['self', 'other', 'both']).optional(),
  /** rules: a safety rule fired; classifier: the statistical second opinion raised it. */
  source: z.enum(['rules', 'classifier']).optional(),
});

export const OutOfScopeReplySchema = z.strictObject({
  ...common,
  kind: z.literal('out_of_scope'),
  /** rate_limited: the asker or the channel reached the question limit (urgent replies are never held back). */
  reason: z.enum(['empty', 'unknown', 'off_topic', 'language', 'other_body_part', 'rate_limited']),
  /** Things the person could ask instead. */
  suggestions: z.array(z.string()).max(4).default([]),
});

export const SmalltalkReplySchema = z.strictObject({
  ...common,
  kind: z.literal('smalltalk'),
  intent: z.enum(['greeting', 'thanks', 'help', 'about', 'farewell', 'ack', 'how_are_you', 'joke', 'praise', 'complaint', 'stop', 'bored', 'helpline']),
});

export const ReplySchema = z.discriminatedUnion('kind', [
  AnswerReplySchema,
  ClarifyReplySchema,
  UrgentReplySchema,
  OutOfScopeReplySchema,
  SmalltalkReplySchema,
]);
export type Reply = z.infer<typeof ReplySchema>;
export type ReplyKind = Reply['kind'];
export type AnswerReply = z.infer<typeof AnswerReplySchema>;
export type ClarifyReply = z.infer<typeof ClarifyReplySchema>;
export type UrgentReply = z.infer<typeof UrgentReplySchema>;
