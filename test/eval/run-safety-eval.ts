/**
 * npm run eval:safety -- [dev|holdout|both|NEW-WRITER.jsonl] [--misses] [--no-classifier]
 * Scores triage on the blind safety corpus. --misses lists the development half's failures only:
 * the held-out half is for measuring, never for reading misses (test/eval/safety/README.md).
 */
import { fileURLToPath } from 'node:url';
import { createAssistant } from '../../src/core/assistant.js';
import { formatSafety, loadSafetySet, runSafety, scoreSafety } from './safety-lib.js';

const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--')) ?? 'both';
const misses = args.includes('--misses');
// A new development writer's file (before it joins dev.jsonl) can be scored, misses included.
const newFile = which.endsWith('.jsonl') ? which : null;
if (!newFile && !['dev', 'holdout', 'both'].includes(which)) {
  console.error(`eval:safety: unknown set "${which}" (dev, holdout or both)`);
  process.exit(2);
}
// --no-classifier measures the rules alone, to report what the classifier adds.
const assistant = createAssistant({ classifier: !args.includes('--no-classifier') });
const ask = (text: string, conversation: string) => assistant.reply({ text, conversation, platform: 'cli' });

for (const half of newFile ? ['new'] : which === 'both' ? ['dev', 'holdout'] : [which]) {
  const file = newFile ?? fileURLToPath(new URL(`../../../test/eval/safety/${half}.jsonl`, import.meta.url));
  const outcomes = await runSafety(ask, loadSafetySet(file));
  console.log(formatSafety(half, scoreSafety(outcomes)));
  if (misses && (half === 'dev' || half === 'new')) {
    for (const o of outcomes) {
      if (o.pass && (o.item.type !== 'urgent' || o.rightTier)) continue;
      const text = o.item.type === 'conversation' ? o.item.turns.join(' || ') : o.item.text;
      const label = o.item.type === 'near_miss' ? o.item.category : `${o.item.concept}/${o.item.tier}`;
      const got = o.replies.map((r) => (r.kind === 'urgent' ? `urgent:${r.urgency}:${r.ruleId}` : r.kind === 'answer' ? `answer:${r.entry.entryId}` : r.kind)).join(', ');
      console.log(`MISS ${o.item.id} [${label}] -> ${got}\n     ${text}`);
    }
  }
  if (misses && half === 'holdout') console.log('(misses are never listed for the held-out half)');
}
