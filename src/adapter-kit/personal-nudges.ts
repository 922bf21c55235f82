// What a person's own off / pause / resume / status commands answer, the same words on every platform.
// `describe` words a status the platform's way (command forms, markup); the adapter renders the text.
import type { NudgeManager, NudgeStatus } from '../nudges/manage.js';
import type { NudgeTarget } from '../nudges/schedule.js';
import { Wording } from './wording.js';

export type PersonalAnswer = { kind: 'text'; text: string } | { kind: 'invalid'; problem: string };

export async function answerPersonal(
  nudges: NudgeManager,
  target: NudgeTarget,
  sub: 'off' | 'pause' | 'resume' | 'status',
  words: string[],
  describe: (s: NudgeStatus) => string,
): Promise<PersonalAnswer> {
  const text = (t: string): PersonalAnswer => ({ kind: 'text', text: t });
  switch (sub) {
    case 'off':
      return text((await nudges.turnOff(target)) ? Wording.personalOff : Wording.noPersonalNudgesTo('turn off'));
    case 'pause': {
      const r = await nudges.pause(target, words);
      if (r.kind === 'invalid') return r;
      return text(r.kind === 'changed' ? `Your nudges are ${describe(r.status).replace(/^`[^`]*`: /, '')}` : Wording.noPersonalNudgesTo('pause'));
    }
    case 'resume': {
      const r = await nudges.resume(target);
      return text(r.kind === 'changed' ? `Your nudges are back on. ${describe(r.status)}` : Wording.noPersonalNudgesTo('resume'));
    }
    case 'status': {
      const s = await nudges.status(target);
      return text(s.state === 'off' ? describe(s) : `Your own nudges: ${describe(s)}`);
    }
  }
}
