// `npm run eval`: per-category scores on the public eval set; `--misses` lists what failed.
import { fileURLToPath } from 'node:url';
import { createAssistant } from '../../src/core/assistant.js';
import { loadEval, runEval, score, formatScores } from './eval-lib.js';

const file = fileURLToPath(new URL('../../../test/eval/questions.jsonl', import.meta.url));
const items = loadEval(process.argv.find((a) => a.endsWith('.jsonl')) ?? file);
const assistant = createAssistant();
const outcomes = await runEval(assistant, items);
console.log(formatScores(score(outcomes), items.length));
if (process.argv.includes('--by')) {
  // Aggregate scores only (safe to print for a held-out set): per follow-up kind and per topic.
  const groups = new Map<string, { pass: number; n: number }>();
  for (const o of outcomes) {
    const keys = [o.item.followup ? `followup:${o.item.followup}` : null, o.item.topic && o.item.category === 'answer' ? `topic:${o.item.topic}` : null];
    for (const k of keys) {
      if (!k) continue;
      const g = groups.get(k) ?? { pass: 0, n: 0 };
      g.n++;
      if (o.pass) g.pass++;
      groups.set(k, g);
    }
  }
  for (const [k, g] of [...groups].sort((a, b) => a[1].pass / a[1].n - b[1].pass / b[1].n)) console.log(`  ${k.padEnd(40)} ${g.pass}/${g.n}`);
}
if (process.argv.includes('--misses')) {
  for (const o of outcomes.filter((x) => !x.pass)) {
    const got = o.reply.kind === 'answer' ? `answer ${o.reply.entry.entryId}` : o.reply.kind === 'clarify' ? `clarify [${o.reply.options.map((x) => x.entryId).join(', ')}]` : o.reply.kind === 'urgent' ? `urgent ${o.reply.urgency} (${o.reply.ruleId})` : o.reply.kind;
    console.log(`MISS ${o.item.id} [${o.item.category}${o.item.expect ? ` → ${o.item.expect}` : ''}${o.item.urgency ? ` ${o.item.urgency}` : ''}] "${o.item.text}" got ${got} (${o.reply.confidence})`);
  }
}
