import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/core/assistant.js';
import { fixedClock } from '../../src/common/clock.js';
import { loadEval, runEval, score } from './eval-lib.js';

/**
 * The blind question set (test/eval/blind/README.md): written by two helpers who never saw the
 * entries, labelled by a third. Floors are just under where answers stand today (fixed clock: dev
 * 92.5% top-1 and 20/20 follow-ups, held-out 85.0% and 13/20), so a change that loses ground fails;
 * the targets (held-out top-1 >= 93%, follow-ups >= 90%) are not reached yet. Items
 * labelled "none" (no entry covers them) count as misses: they are the library's gaps. Follow-ups
 * are only 20 a half and a few replies rotate with the clock ("another one"), so their floors keep a
 * margin of two items.
 */
const floors = {
  // Writer A's half after the answer-accuracy round of 2026-12-01 (issue #11): 94.8% top-1.
  // After the answer round of 2026-12-01, evening (issue #11): 95.8%.
  dev: { answer: 0.95, followUp: 0.9, thanks: 0.95, urgent: 0 },
  // Four held-out ordinary questions still get an urgent reply from the rules; they are measured,
  // not read, so this floor only stops it getting worse.
  // Held-out top-1 measured once after the answer-accuracy round of 2026-12-01: 89.3%.
  holdout: { answer: 0.885, followUp: 0.6, thanks: 0.95, urgent: 4 },
  // Two later writers (C, D), labelled by another helper: the development half of the next round
  // (arrival figures 78.3% and 76.5% top-1, 9 and 12 of 20 follow-ups). Floors just under where they
  // stand after the second round of fixes from their misses (85.0% and 86.0%; 17 and 19 of 20
  // follow-ups, less two items). Two of D's ordinary questions still get an urgent reply (night pain
  // that "keeps me up"; "my nan says my disc slipped out").
  // After the answer-accuracy round of 2026-12-01 (issue #11): 89.0% and 89.3% top-1.
  // After the answer round of 2026-12-01, evening: 91.8% and 91.0%.
  'dev-c': { answer: 0.93, followUp: 0.75, thanks: 0.95, urgent: 0 },
  'dev-d': { answer: 0.905, followUp: 0.85, thanks: 0.95, urgent: 2 },
  // Writer E (2026-12-01): 60 two-turn conversations, labelled by two more helpers from the entries
  // alone. Arrival: 80.5% top-1 and 31/60 follow-ups; after the follow-up fixes 40/60. Floors just
  // under (less two follow-ups). Two ordinary questions get a same-day reply (a sudden sharp pain on
  // sneezing, from the classifier; back ache on turning at night, read as night pain).
  // After the answer-accuracy round of 2026-12-01 (issue #11): 88.1% top-1 and 44/60 follow-ups; after
  // the new-subject, what-else and by-itself follow-up fixes as well: 52/60. Floors less two.
  // After the answer round of 2026-12-01, evening: 90.1% top-1.
  // Third follow-up round (2026-12-01, late afternoon): 53/60 follow-ups; floor less two.
  // Fourth follow-up round (general causes across writers): 54/60; floor less two (52/60).
  'dev-e': { answer: 0.89, followUp: 0.865, thanks: 0.95, urgent: 2 },
  // Writer F (2026-12-01): 96 two-turn conversations, 12 of each follow-up kind. Its conversations were
  // run through the bot (not yet labelled) while fixing follow-ups, then labelled from the entries:
  // 91.1% top-1 and 68/96 follow-ups at the first labelled measure, 70/96 after. After the
  // answer-accuracy round (issue #11): 94.4% top-1; with the new-subject, what-else and by-itself
  // follow-up fixes as well: 84/96. Floors less two.
  // After the answer round of 2026-12-01, evening: 95.0% top-1.
  // Third follow-up round: 85/96, floor less two (83/96).
  // Fourth follow-up round: 89/96; floor less two (87/96).
  'dev-f': { answer: 0.94, followUp: 0.9, thanks: 0.95, urgent: 0 },
  // Writers G and H (2026-12-01, afternoon): 40 two-turn conversations each, labelled by two more
  // helpers from the entries alone. Arrival (real clock): G 87.4% top-1 and 24/40 follow-ups, H 79.3%
  // and 17/40, thanks 10/10 and 9/10; 5 and 6 ordinary questions got an urgent reply. Floors at arrival until their misses are worked on.
  // After the follow-up round from their misses (2026-12-01, fixed clock): G 30/40 and H 28/40
  // follow-ups, top-1 unchanged. Follow-up floors less two items.
  // After the answer round of 2026-12-01, evening: G 92.9% and H 83.3% top-1.
  // After the third follow-up round (new wordings probed, and writers I and J's follow-ups): G 32/40
  // and H 32/40 follow-ups, floors less two items.
  // Fourth follow-up round: G 34/40 (floor less two, 32/40); H unchanged at 32/40.
  'dev-g': { answer: 0.93, followUp: 0.8, thanks: 0.95, urgent: 5 },
  // Fifth follow-up round (what-else ordering): H 33/40, floor less two (31/40).
  'dev-h': { answer: 0.855, followUp: 0.775, thanks: 0.85, urgent: 6 },
  // Writers I and J (2026-12-01, evening): 40 two-turn conversations each, labelled from the entries
  // alone. Measured on arrival, before any fix from their misses (fixed clock): I 85.4% top-1 and 24/40
  // follow-ups, J 86.4% and 20/40, thanks 10/10 each; one of J's ordinary questions gets an urgent
  // reply. Floors a little under (follow-ups less two items). After the answer round that used their
  // misses too (same evening): I 86.4%, J 89.9% top-1 and 21/40 follow-ups. Since the safety round of
  // writers 62-68 one of I's ordinary questions ("engage your core … Help") also gets an urgent reply.
  // After the third follow-up round, which used their follow-up misses: I 29/40 and J 31/40; floors
  // less two items.
  // Fourth follow-up round: I 33/40 and J 32/40; floors less two items (31/40, 30/40).
  'dev-i': { answer: 0.885, followUp: 0.775, thanks: 0.95, urgent: 1 },
  // Fifth follow-up round: J 33/40; floor less two (31/40).
  'dev-j': { answer: 0.9, followUp: 0.775, thanks: 0.95, urgent: 1 },
  // Writers K and L (2026-12-01, night), measured on arrival at 88.4% and 87.9% top-1, 20/40 and 29/40
  // follow-ups, 9/10 and 10/10 thanks; then "why though?" and "chur": 20/40 and 30/40, 10/10 each.
  // Floors less two items. Two ordinary questions each get an urgent reply (their questions are not yet
  // among the classifier's everyday negatives: see the blind README).
  // Fifth follow-up round (general causes from K's and L's follow-ups): K 30/40 and L 32/40; floors
  // less two items (28/40, 30/40).
  // Answer round (general causes across writers): C 94.3, D 91.5, G 94.4, H 86.9, I 89.9, J 91.4, K 90.4,
  // L 91.4 top-1; answer floors raised to about two items below (earlier floors above).
  // Answer round 4 (general causes, first from M's and N's misses): K 92.4 and 34/40, L 93.9; sixth
  // follow-up round: L 34/40. Floors raised to about two items below.
  'dev-k': { answer: 0.93, followUp: 0.8, thanks: 0.8, urgent: 2 },
  'dev-l': { answer: 0.945, followUp: 0.8, thanks: 0.8, urgent: 2 },
  // Writers M and N (2026-12-01, late night): measured on arrival at 84.0% and 81.0% top-1, 31/40 and
  // 21/40 follow-ups, 10/10 thanks each; after the merges of the follow-up and answer rounds (which never saw
  // them) 85.0% and 82.0%, 32/40 and 24/40. Floors less two items. A few ordinary questions still get an
  // urgent reply (a first back injury read by the classifier, sciatica with tingling, MRI words).
  // Sixth follow-up round (safety and device follow-ups): L 34/40, M 33/40, N 27/40; answer round 4
  // (general causes from their misses and earlier writers'): M 87.0% and N 87.0% top-1. Floors about two
  // items below.
  'dev-m': { answer: 0.86, followUp: 0.775, thanks: 0.9, urgent: 2 },
  'dev-n': { answer: 0.9, followUp: 0.675, thanks: 0.9, urgent: 3 },
  // Writers O and P (2026-12-02): on arrival 84.3% and 80.8% top-1 (of 198), 29/40 and 31/40 follow-ups,
  // 10/10 thanks each. After a follow-up round and an answer round from their misses and earlier writers'
  // (2026-12-02): O 87.9% and 31/40, P 86.4% and 32/40; N 91.0%, L 96.0%, K 94.9%. Floors about two items below.
  'dev-o': { answer: 0.868, followUp: 0.725, thanks: 0.9, urgent: 3 },
  'dev-p': { answer: 0.853, followUp: 0.75, thanks: 0.9, urgent: 3 },
} as const;

const pct = (x: number) => Math.round(x * 1000) / 10;

describe('blind question set', () => {
  for (const half of ['dev', 'holdout', 'dev-c', 'dev-d', 'dev-e', 'dev-f', 'dev-g', 'dev-h', 'dev-i', 'dev-j', 'dev-k', 'dev-l', 'dev-m', 'dev-n', 'dev-o', 'dev-p'] as const) {
    it(`${half}: answer top-1 >= ${pct(floors[half].answer)}%, follow-ups >= ${pct(floors[half].followUp)}%, thanks recognised >= ${pct(floors[half].thanks)}%, at most ${floors[half].urgent} urgent replies to ordinary questions`, async () => {
      const items = loadEval(join(import.meta.dirname, 'blind', `${half}.jsonl`));
      const outcomes = await runEval(createAssistant({ clock: fixedClock('2026-11-30T10:00:00Z') }), items);
      const s = score(outcomes);
      expect(s.answerTop1).toBeGreaterThanOrEqual(floors[half].answer);
      expect(s.byCategory.follow_up?.rate ?? 0).toBeGreaterThanOrEqual(floors[half].followUp);
      expect(s.byCategory.smalltalk?.rate ?? 0).toBeGreaterThanOrEqual(floors[half].thanks);
      expect(outcomes.filter((o) => o.reply.kind === 'urgent').length).toBeLessThanOrEqual(floors[half].urgent);
    }, 120_000);
  }
});
