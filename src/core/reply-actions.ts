// The actions a reply offers (buttons on Slack and Discord), with ids that never change: platforms send
// them back on every press, and a message posted before a restart must still work after it. What an
// action carries (an entry id, a subscription id) is encoded here too, so every adapter reads it alike.

export const ActionId = {
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  /** `open_entry:<n>`: a related entry (value: entry id). */
  openEntry: 'open_entry',
  /** `clarify_option:<n>`: one of the options of a clarify reply (value: entry id). */
  clarifyOption: 'clarify_option',
  /** Post a private tip visibly in the channel (value: entry id). */
  shareTip: 'share_tip',
  nudgeDone: 'nudge_done',
  nudgeSnooze: 'nudge_snooze',
  nudgeAnother: 'nudge_another',
} as const;
export type ActionId = (typeof ActionId)[keyof typeof ActionId];

const ALL_IDS: ReadonlySet<string> = new Set(Object.values(ActionId));
/** Ids that take a `:<n>` suffix, because several of them sit side by side. */
const INDEXED: ReadonlySet<string> = new Set([ActionId.openEntry, ActionId.clarifyOption]);

export const indexedActionId = (base: string, n: number): string => `${base}:${n}`;
export const indexedActionPattern = (base: string): RegExp => new RegExp(`^${base}:\\d+$`);

/** The action an id names (`open_entry:2` → open_entry), or null for an id we never made. */
export function actionOf(id: string): ActionId | null {
  const m = /^([a-z_]+)(?::(\d{1,2}))?$/.exec(id);
  if (!m || !ALL_IDS.has(m[1]!)) return null;
  if ((m[2] !== undefined) !== INDEXED.has(m[1]!)) return null;
  return m[1] as ActionId;
}

/** One action a reply offers: a stable id, a label, and the value it carries back. */
export type ReplyAction = { id: string; action: ActionId; label: string; value: string; style?: 'primary' | 'danger' };

/** What a nudge action carries: the routine shown and, for channel nudges, the subscription. */
export type NudgeActionValue = { entryId: string; subscriptionId: string | null };

const ENTRY_ID = /^[a-z0-9-]{1,120}$/;

export const encodeNudgeValue = (v: NudgeActionValue): string => `${v.entryId}|${v.subscriptionId ?? ''}`;

export function decodeNudgeValue(raw: string | undefined): NudgeActionValue | null {
  if (!raw) return null;
  const [entryId, subscriptionId, extra] = raw.split('|');
  if (extra !== undefined || !entryId || !ENTRY_ID.test(entryId)) return null;
  if (subscriptionId && !/^[0-9A-Za-z-]{1,40}$/.test(subscriptionId)) return null;
  return { entryId, subscriptionId: subscriptionId ? subscriptionId : null };
}

/** An entry id carried in an action value; anything else is a malformed payload. */
export const decodeEntryId = (raw: string | undefined): string | null => (raw && ENTRY_ID.test(raw) ? raw : null);
