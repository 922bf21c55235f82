// The platform-neutral presentation of a reply: what every front end shows, in which order, with which
// headings, notes and actions. Adapters only turn it into their own markup (Block Kit, embeds) and
// escape text for it; they decide nothing about wording. The terminal prints `reply.text`.
import type { AnswerReply, ClarifyReply, Reply, UrgentReply } from './reply-schema.js';
import { ActionId, encodeNudgeValue, indexedActionId, type ReplyAction } from './reply-actions.js';

/** The one "not medical advice" line: answers marked medical, help texts, the home screens. */
export const MEDICAL_NOTE = 'Education, not medical advice. If you are worried, see a GP or physiotherapist.';

/** "45 s", "2 min", "2 min 30 s": the one way a routine's length is written. */
export const formatDuration = (s: number): string =>
  s < 60 ? `${s} s` : s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;

export const Labels = {
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  share: 'Share in channel',
  done: 'Done',
  snooze: 'Snooze 1 h',
  another: 'Another one',
  cautions: 'Stop or skip it if',
  sources: 'Sources',
  followUps: 'You could also ask:',
  suggestions: 'You could ask:',
  nudgeIntro: 'Time for a short stretch break.',
} as const;

/**
 * A stretch routine's illustration: which entry's picture (adapters get the file from the routine
 * images service, src/images) and its alt text, the routine's first step.
 */
export type ImageView = { entryId: string; alt: string };

/** The body every answer shares: title, summary, steps, dose, duration, cautions, sources, the medical line. */
export type AnswerView = {
  kind: 'answer';
  notes: string[];
  title: string;
  summary: string;
  steps: string[];
  dose: string | null;
  /** "About 2 min", or null. */
  duration: string | null;
  cautions: string[];
  sources: AnswerReply['sources'];
  medicalNote: string | null;
  /** Questions to suggest, as plain text (the adapter quotes them). */
  followUps: string[];
  actions: ReplyAction[];
  /** The routine's illustration (stretch entries), or null. */
  image: ImageView | null;
  /** Plain text for notifications and fallbacks. */
  fallback: string;
};

/** Urgent replies are plain and prominent: a heading and the core's words, no actions, nothing else. */
export type UrgentView = { kind: 'urgent'; urgency: UrgentReply['urgency']; heading: string; body: string; fallback: string };

export type ClarifyView = { kind: 'clarify'; notes: string[]; text: string; actions: ReplyAction[]; fallback: string };

export type PlainView = { kind: 'plain'; notes: string[]; text: string; suggestions: string[]; fallback: string };

export type ReplyView = AnswerView | UrgentView | ClarifyView | PlainView;

const feedbackActions = (entryId: string): ReplyAction[] => [
  { id: ActionId.helpful, action: ActionId.helpful, label: Labels.helpful, value: entryId },
  { id: ActionId.notHelpful, action: ActionId.notHelpful, label: Labels.notHelpful, value: entryId },
];

/** Every stretch routine has an illustration (`kb check` makes sure), described by its first step. */
export const imageOf = (r: AnswerReply): ImageView | null =>
  r.entry.kind === 'stretch' && r.steps[0] ? { entryId: r.entry.entryId, alt: r.steps[0] } : null;

function answerView(r: AnswerReply, actions: ReplyAction[], extraNotes: string[] = []): AnswerView {
  return {
    kind: 'answer',
    notes: [...extraNotes, ...r.notes],
    title: r.entry.title,
    summary: r.summary,
    steps: r.steps,
    dose: r.dose,
    duration: r.durationS ? `About ${formatDuration(r.durationS)}` : null,
    cautions: r.cautions,
    sources: r.sources,
    medicalNote: r.medical ? MEDICAL_NOTE : null,
    followUps: [],
    actions,
    image: imageOf(r),
    fallback: r.text,
  };
}

// The core's first line of an urgent reply is its headline ("Please get urgent medical help now."); a
// one-line reply gets a generic heading so the text itself is never lost.
function urgentView(r: UrgentReply): UrgentView {
  const [first = '', ...rest] = r.text.split('\n');
  if (rest.length === 0) return { kind: 'urgent', urgency: r.urgency, heading: r.urgency === 'emergency' ? 'Please get help now' : 'Please see a doctor today', body: r.text, fallback: r.text };
  return { kind: 'urgent', urgency: r.urgency, heading: first, body: rest.join('\n'), fallback: r.text };
}

const clarifyView = (r: ClarifyReply): ClarifyView => ({
  kind: 'clarify',
  notes: r.notes,
  text: r.text,
  actions: r.options.map((o, i) => ({ id: indexedActionId(ActionId.clarifyOption, i), action: ActionId.clarifyOption, label: o.title, value: o.entryId })),
  fallback: r.text,
});

/** Any core reply, ready for an adapter to draw. */
export function presentReply(reply: Reply): ReplyView {
  switch (reply.kind) {
    case 'answer': {
      const related = reply.related.map((ref, i): ReplyAction => ({ id: indexedActionId(ActionId.openEntry, i), action: ActionId.openEntry, label: ref.title, value: ref.entryId }));
      return { ...answerView(reply, [...feedbackActions(reply.entry.entryId), ...related]), followUps: reply.followUps };
    }
    case 'clarify':
      return clarifyView(reply);
    case 'urgent':
      return urgentView(reply);
    case 'out_of_scope':
    case 'smalltalk': {
      // Suggestions the text already names are not repeated.
      const suggestions = reply.kind === 'out_of_scope' ? reply.suggestions.filter((s) => !reply.text.includes(s)) : [];
      return { kind: 'plain', notes: reply.notes, text: reply.text, suggestions, fallback: reply.text };
    }
  }
}

/** A quick tip shown to one person, with Share first; the fallback note is shown once. */
export function presentTip(tip: { reply: AnswerReply; note: string | null }): AnswerView {
  const extra = tip.note && !tip.reply.notes.includes(tip.note) ? [tip.note] : [];
  const id = tip.reply.entry.entryId;
  return answerView(tip.reply, [{ id: ActionId.shareTip, action: ActionId.shareTip, label: Labels.share, value: id, style: 'primary' }, ...feedbackActions(id)], extra);
}

/** The same tip, posted for everyone: feedback only. */
export const presentSharedTip = (reply: AnswerReply): AnswerView => answerView(reply, feedbackActions(reply.entry.entryId));

/** A stretch routine with Done / Snooze 1 h / Another one; channel nudges carry their subscription. */
export function presentRoutine(routine: AnswerReply, subscriptionId: string | null): AnswerView {
  const value = encodeNudgeValue({ entryId: routine.entry.entryId, subscriptionId });
  return answerView(routine, [
    { id: ActionId.nudgeDone, action: ActionId.nudgeDone, label: Labels.done, value, style: 'primary' },
    { id: ActionId.nudgeSnooze, action: ActionId.nudgeSnooze, label: Labels.snooze, value },
    { id: ActionId.nudgeAnother, action: ActionId.nudgeAnother, label: Labels.another, value },
  ]);
}
