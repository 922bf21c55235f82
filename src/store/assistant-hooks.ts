import type { AssistantOptions } from '../core/assistant.js';
import type { Reply } from '../core/reply-schema.js';
import type { Origin } from '../core/reply.js';
import type { Clock } from '../common/clock.js';
import { systemClock } from '../common/clock.js';
import { COUNTED_KINDS, DIRECT_CHANNEL, type CountedKind, type Store } from './store.js';

/** The pino methods used here; lines carry a code and an error name, never text or ids of people. */
type HookLog = { warn(obj: { code: string; [k: string]: unknown }, msg: string): void };

/**
 * What the assistant keeps in the store when one is open: conversation context, the text of questions
 * the knowledge base nearly covered (scrubbed, with the workspace, no user), and anonymous counts of
 * questions per channel and day. Off-topic messages, greetings, urgent replies and the short safety
 * net are not counted or kept: a count of urgent replies in a small channel could point at a person.
 */
export function storeHooks(store: Store, log: HookLog, clock: Clock = systemClock): Pick<AssistantOptions, 'contextStore' | 'onUnanswered' | 'onReplied'> {
  const failed = (what: string) => (e: unknown) => log.warn({ code: `${what}_store_failed`, err: e instanceof Error ? e.name : 'error' }, `${what}_store_failed`);
  return {
    contextStore: store.contexts,
    onUnanswered: async (text, reason, confidence, from) => {
      if (reason !== 'low_confidence') return;
      await store.recordUnanswered(text, 'low_confidence', confidence, from ? { platform: from.platform, workspace: from.workspace } : undefined).catch(failed('unanswered'));
    },
    onReplied: async (reply: Reply, from: Origin) => {
      const kind = countedKind(reply);
      if (!kind) return;
      await store.recordQuestion({
        platform: from.platform,
        workspace: from.workspace,
        channel: from.direct ? DIRECT_CHANNEL : from.channel,
        day: clock.now().toISOString().slice(0, 10),
        kind,
        tags: reply.kind === 'answer' ? reply.entry.tags : [],
      }).catch(failed('question_count'));
    },
  };
}

function countedKind(reply: Reply): CountedKind | null {
  if (reply.kind === 'answer' && reply.safetyNet) return null;
  // Empty, non-English and rate-limited messages were not read as questions.
  if (reply.kind === 'out_of_scope') return ['unknown', 'off_topic', 'other_body_part'].includes(reply.reason) ? 'out_of_scope' : null;
  return (COUNTED_KINDS as readonly string[]).includes(reply.kind) ? (reply.kind as CountedKind) : null;
}
