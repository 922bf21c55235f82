// Words every adapter uses for its own short replies. Plain text without markup characters, so each
// adapter can show them as they are; the adapter adds its own formatting (command names in code spans).
import type { NudgeStatus } from '../nudges/manage.js';

export const Wording = {
  feedbackThanks: (helpful: boolean) => (helpful ? 'Thanks, glad it helped.' : 'Thanks for telling me. It helps improve the answers.'),
  malformedAction: 'That button did not carry what I expected. Please run the command again.',
  entryGone: 'That topic is no longer available. Try asking in your own words.',
  doneThanks: 'Nice work. Logged, anonymously.',
  nudgesOff: 'Nudges are off in this channel.',
  noNudgesToTurnOff: 'There were no nudges in this channel.',
  noNudgesTo: (verb: 'pause' | 'resume' | 'snooze') => `There are no nudges in this channel to ${verb}.`,
  personalDoneThanks: 'Nice work. Logged; only you see your own count.',
  personalOff: 'Your own nudges are off.',
  noPersonalNudgesTo: (verb: 'pause' | 'resume' | 'turn off') => `You have no nudges of your own to ${verb}.`,
  cannotDm: 'I cannot send you direct messages. Allow messages from me in my Messages tab (or unblock me), then run the command again.',
  /** What a personal status adds: where the zone comes from and the person's own Done count, shown only to them. */
  personalExtra: (p: { zoneFrom: 'profile' | 'given'; doneLast7Days: number }, platformName: string) =>
    `${p.zoneFrom === 'profile' ? `Times follow the time zone of your ${platformName} profile.` : 'Times are in the zone shown; turn nudges on again with a time zone to change it.'} Done in the last 7 days: ${p.doneLast7Days} (only you see this).`,
  about: 'I answer questions about back pain, sitting and moving, with sources, and post short stretch breaks in channels that ask for them.',
} as const;

/**
 * A status as one line. `code` and `when` let the adapter put in its own markup: a code span for the
 * schedule, a date every reader sees in their own zone, the command to run.
 */
export function statusLine(s: Exclude<NudgeStatus, { state: 'off' }>, f: { code: (t: string) => string; when: (at: Date, tz: string) => string; platformName: string; command: (sub: 'on' | 'resume') => string }): string {
  const what = f.code(s.schedule);
  switch (s.state) {
    case 'stopped':
      return `${what}: stopped, ${f.platformName} said ${f.code(s.code)}. Run ${f.command('on')} again to restart.`;
    case 'paused':
      return s.until ? `${what}: paused until ${f.when(s.until, s.tz)}.` : `${what}: paused until someone runs ${f.command('resume')}.`;
    case 'active':
      return s.next ? `${what}: next one ${f.when(s.next, s.tz)}.` : `${what}: no slot in the coming year.`;
  }
}
