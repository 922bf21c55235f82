// Buttons carry their action and value in the custom_id (`feedback_helpful|cat-cow`,
// `nudge_done|cat-cow|42`), up to 100 characters. Nothing is kept in memory, so a button posted before a
// restart still works after it. The action ids are the core's (src/core/reply-actions.ts).
import { actionOf, type ActionId, type ReplyAction } from '../../src/core/reply-actions.js';
import { CUSTOM_ID_MAX } from './limits.js';

export const customIdOf = (a: ReplyAction): string => `${a.id}|${a.value}`;

/** A custom_id we made → the action and its value; null for anything else. */
export function parseCustomId(id: string): { action: ActionId; value: string } | null {
  if (id.length > CUSTOM_ID_MAX) return null;
  const bar = id.indexOf('|');
  if (bar < 0) return null;
  const action = actionOf(id.slice(0, bar));
  return action ? { action, value: id.slice(bar + 1) } : null;
}
