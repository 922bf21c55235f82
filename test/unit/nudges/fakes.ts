import type { AnswerReply } from '../../../src/core/reply-schema.js';
import type { BodyArea } from '../../../src/knowledge/schema.js';
import type { RoutineCatalog } from '../../../src/nudges/routines.js';
import type { Nudge, NudgeSink, NudgeTarget, SinkResult } from '../../../src/nudges/sink.js';

/**
 * A NudgeSink that records what it was asked to post and answers from a script (default: ok).
 * It emulates a platform's outcomes (ok, transient, rate limited, permanent), not its rendering.
 */
export class FakeSink implements NudgeSink {
  readonly posted: Nudge[] = [];
  readonly attempts: Nudge[] = [];
  private script: Array<SinkResult | Error> = [];
  constructor(readonly platform: NudgeTarget['platform'] = 'slack') {}
  /** Answers for the next posts, in order; after them every post succeeds. */
  answer(...results: Array<SinkResult | Error>): this {
    this.script.push(...results);
    return this;
  }
  async post(nudge: Nudge): Promise<SinkResult> {
    this.attempts.push(nudge);
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    if (next && !next.ok) return next;
    this.posted.push(nudge);
    return { ok: true, messageRef: `m${this.posted.length}` };
  }
}

const ROUTINES: Array<[string, BodyArea[], string[]]> = [
  ['hip-flexor-lunge', ['hips'], ['hip-flexors']],
  ['seated-figure-four', ['hips', 'glutes'], ['desk']],
  ['hamstring-reach', ['hamstrings'], []],
  ['cat-cow', ['lower-back', 'upper-back'], []],
  ['chin-tucks', ['neck'], ['desk']],
  ['doorway-chest', ['upper-back'], []],
  ['dead-bug', ['core'], []],
];

export function answerFor(id: string, tags: string[]): AnswerReply {
  return {
    kind: 'answer', text: `${id} routine`, confidence: 1, notes: [],
    entry: { entryId: id, title: `Routine ${id}`, tags: tags.length ? tags : ['stretching'], kind: 'stretch' },
    summary: 'A short routine to break up sitting.', steps: ['Stand up tall.', 'Hold for 30 seconds.'], cautions: ['Stop if it hurts.'], durationS: 90, dose: 'Dose: hold 30 s, 2 times, a few times a day. Done on your feet, in work clothes; not a seated one.',
    sources: [{ title: 'Exercise for back pain', publisher: 'NHS', url: 'https://www.nhs.uk/live-well/exercise/', year: 2023 }],
    related: [], followUps: [], medical: true,
  };
}

/** A routine catalog like the one built from knowledge/entries/stretch-*.md. */
export function fakeCatalog(n = ROUTINES.length): RoutineCatalog {
  const list = ROUTINES.slice(0, n);
  return {
    routines: list.map(([id, targets, tags]) => ({ id, targets, tags })),
    render: (id) => {
      const r = list.find(([x]) => x === id);
      return r ? answerFor(r[0], r[2]) : null;
    },
  };
}

export const silentLog = { info() {}, warn() {}, error() {}, debug() {} };
