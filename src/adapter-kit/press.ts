// A button press → what it comes to, for every adapter: feedback stored, an entry opened, a tip to
// share, a nudge done, snoozed or swapped. The value the button carries is all there is (presses on
// private messages come without the message), so it is checked here once.
import type { AnswerReply } from '../core/reply-schema.js';
import { ActionId, decodeEntryId, decodeNudgeValue } from '../core/reply-actions.js';
import type { NudgePress } from '../nudges/manage.js';
import type { NudgeTarget } from '../nudges/schedule.js';
import type { AdapterServices } from './services.js';

export type PressOutcome =
  | { kind: 'malformed' }
  | { kind: 'feedback'; helpful: boolean }
  | { kind: 'entry'; reply: AnswerReply }
  | { kind: 'entry_gone' }
  | { kind: 'share'; reply: AnswerReply }
  | NudgePress;

const NUDGE = { [ActionId.nudgeDone]: 'done', [ActionId.nudgeSnooze]: 'snooze', [ActionId.nudgeAnother]: 'another' } as const;

/**
 * `here`: the channel the button sits in (nudge buttons without a subscription act on it); `presser`:
 * who pressed, so a button naming someone else's personal subscription cannot change it.
 */
export async function press(s: AdapterServices, action: ActionId, value: string | undefined, here: NudgeTarget | null, presser?: string): Promise<PressOutcome> {
  switch (action) {
    case ActionId.helpful:
    case ActionId.notHelpful: {
      const entryId = decodeEntryId(value);
      if (!entryId) return { kind: 'malformed' };
      const helpful = action === ActionId.helpful;
      await s.recordFeedback(entryId, helpful);
      return { kind: 'feedback', helpful };
    }
    case ActionId.openEntry:
    case ActionId.clarifyOption: {
      const entryId = decodeEntryId(value);
      if (!entryId) return { kind: 'malformed' };
      const reply = s.assistant.entry(entryId);
      return reply ? { kind: 'entry', reply } : { kind: 'entry_gone' };
    }
    case ActionId.shareTip: {
      const entryId = decodeEntryId(value);
      const reply = entryId ? s.assistant.entry(entryId) : null;
      return reply ? { kind: 'share', reply } : { kind: 'malformed' };
    }
    case ActionId.nudgeDone:
    case ActionId.nudgeSnooze:
    case ActionId.nudgeAnother: {
      const v = decodeNudgeValue(value);
      if (!v || (!v.subscriptionId && !here && action !== ActionId.nudgeAnother)) return { kind: 'malformed' };
      return s.nudges.press(NUDGE[action], v.entryId, v.subscriptionId, here, presser);
    }
  }
}
