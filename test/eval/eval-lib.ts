import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Assistant } from '../../src/core/assistant.js';
import type { Reply } from '../../src/core/reply-schema.js';

/** One labelled line of test/eval/questions.jsonl. */
export const EvalItemSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  category: z.enum(['answer', 'urgent', 'near_miss', 'red_flag_education', 'out_of_scope', 'smalltalk', 'follow_up']),
  /** The entry that should answer (answer, follow_up, and optionally red_flag_education). */
  expect: z.string().optional(),
  /** Other entries that are equally right. */
  accept: z.array(z.string()).optional(),
  /** The tier an urgent item must get. */
  urgency: z.enum(['emergency', 'same_day']).optional(),
  /** Lines sharing a conversation are asked in file order; follow-ups lean on the earlier ones. */
  conversation: z.string().optional(),
  /** Blind sets: the topic the writer was asked to cover, and the kind of follow-up. */
  topic: z.string().optional(),
  followup: z.string().optional(),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

/** Read a labelled JSON Lines file, validating each line; errors name the file, line and field. */
export function loadJsonl<S extends z.ZodType>(file: string, schema: S): z.infer<S>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const p = schema.safeParse(JSON.parse(l));
      if (!p.success) throw new Error(`${file}:${i + 1}: ${p.error.issues[0]?.path.join('.')}: ${p.error.issues[0]?.message}`);
      return p.data;
    });
}

export const loadEval = (file: string): EvalItem[] => loadJsonl(file, EvalItemSchema);

export type EvalOutcome = { item: EvalItem; reply: Reply; pass: boolean; inOptions: boolean };

export function judge(item: EvalItem, r: Reply): { pass: boolean; inOptions: boolean } {
  const want = new Set([item.expect, ...(item.accept ?? [])].filter(Boolean) as string[]);
  const inOptions = r.kind === 'clarify' && r.options.some((o) => want.has(o.entryId));
  switch (item.category) {
    case 'answer':
    case 'follow_up':
      return { pass: r.kind === 'answer' && want.has(r.entry.entryId), inOptions };
    case 'urgent':
      return { pass: r.kind === 'urgent' && (!item.urgency || r.urgency === item.urgency), inOptions };
    case 'near_miss':
      return { pass: r.kind !== 'urgent', inOptions };
    case 'red_flag_education':
      return { pass: r.kind !== 'urgent' && r.kind !== 'out_of_scope', inOptions };
    case 'out_of_scope':
      return { pass: r.kind === 'out_of_scope', inOptions };
    case 'smalltalk':
      return { pass: r.kind === 'smalltalk', inOptions };
  }
}

export async function runEval(assistant: Assistant, items: EvalItem[]): Promise<EvalOutcome[]> {
  const out: EvalOutcome[] = [];
  for (const item of items) {
    const reply = await assistant.reply({ text: item.text, conversation: item.conversation ? `eval:${item.conversation}` : `eval:${item.id}`, platform: 'cli' });
    out.push({ item, reply, ...judge(item, reply) });
  }
  return out;
}

export type Scores = {
  byCategory: Record<string, { n: number; pass: number; rate: number }>;
  answerTop1: number;
  answerInOptions: number;
  urgentRecall: number;
  urgentTierAccuracy: number;
  nearMissFalseAlarms: number;
  outOfScope: number;
};

export function score(outcomes: EvalOutcome[]): Scores {
  const byCategory: Scores['byCategory'] = {};
  for (const o of outcomes) {
    const c = (byCategory[o.item.category] ??= { n: 0, pass: 0, rate: 0 });
    c.n++;
    if (o.pass) c.pass++;
  }
  for (const c of Object.values(byCategory)) c.rate = c.n ? c.pass / c.n : 1;
  const answers = outcomes.filter((o) => o.item.category === 'answer');
  const urgent = outcomes.filter((o) => o.item.category === 'urgent');
  return {
    byCategory,
    answerTop1: byCategory.answer?.rate ?? 1,
    answerInOptions: answers.length ? answers.filter((o) => o.pass || o.inOptions).length / answers.length : 1,
    urgentRecall: urgent.length ? urgent.filter((o) => o.reply.kind === 'urgent').length / urgent.length : 1,
    urgentTierAccuracy: byCategory.urgent?.rate ?? 1,
    nearMissFalseAlarms: outcomes.filter((o) => o.item.category === 'near_miss' && o.reply.kind === 'urgent').length,
    outOfScope: byCategory.out_of_scope?.rate ?? 1,
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

export function formatScores(s: Scores, total: number): string {
  const lines = [`eval: ${total} questions`];
  for (const [cat, c] of Object.entries(s.byCategory)) lines.push(`  ${cat.padEnd(20)} ${String(c.pass).padStart(4)}/${String(c.n).padEnd(4)} ${pct(c.rate)}`);
  lines.push(
    `  answer top-1        ${pct(s.answerTop1)} (right entry offered in a clarify: ${pct(s.answerInOptions)})`,
    `  urgent recall       ${pct(s.urgentRecall)} (right tier: ${pct(s.urgentTierAccuracy)})`,
    `  near-miss alarms    ${s.nearMissFalseAlarms}`,
    `  out-of-scope        ${pct(s.outOfScope)}`,
  );
  return lines.join('\n');
}
