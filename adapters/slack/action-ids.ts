// Stable action_ids: Slack sends them back on every button press, so handlers can tell buttons apart
// (Slack invents random ids for elements that have none). Ids with `:<n>` share one handler, because
// action_ids must be unique within a block.

export const ActionId = {
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  /** `open_entry:<n>`: a related entry (value: entry id). */
  openEntry: 'open_entry',
  /** `clarify_option:<n>`: one of the options of a clarify reply (value: entry id). */
  clarifyOption: 'clarify_option',
  /** Post an ephemeral tip visibly in the channel (value: entry id). */
  shareTip: 'share_tip',
  nudgeDone: 'nudge_done',
  nudgeSnooze: 'nudge_snooze',
  nudgeAnother: 'nudge_another',
} as const;

export const indexedActionId = (base: string, n: number): string => `${base}:${n}`;
export const indexedActionPattern = (base: string): RegExp => new RegExp(`^${base}:\\d+$`);

/** What a nudge button carries: the routine shown and, for channel nudges, the subscription. */
export type NudgeButtonValue = { entryId: string; subscriptionId: string | null };

export const encodeNudgeValue = (v: NudgeButtonValue): string => `${v.entryId}|${v.subscriptionId ?? ''}`;

export function decodeNudgeValue(raw: string | undefined): NudgeButtonValue | null {
  if (!raw) return null;
  const [entryId, subscriptionId] = raw.split('|');
  if (!entryId || !/^[a-z0-9-]{1,120}$/.test(entryId)) return null;
  return { entryId, subscriptionId: subscriptionId ? subscriptionId : null };
}

/** An entry id carried in a button value; anything else is a malformed payload. */
export const decodeEntryId = (raw: string | undefined): string | null =>
  raw && /^[a-z0-9-]{1,120}$/.test(raw) ? raw : null;
