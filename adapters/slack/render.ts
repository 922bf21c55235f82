// Core replies → Block Kit. Layout only: what to say was decided by the core.
import type { AnswerReply, ClarifyReply, Reply, UrgentReply } from '../../src/core/reply-schema.js';
import { ActionId, encodeNudgeValue, indexedActionId } from './action-ids.js';
import { actions, button, context, header, message, section, sectionMrkdwn, type Block, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, mrkdwnLink, mrkdwnText, SECTION_MAX } from './mrkdwn.js';

const notesBlocks = (notes: string[]): Block[] => (notes.length ? [context(notes.map(escapeMrkdwn).join('\n'))] : []);

const numbered = (items: string[]) => items.map((s, i) => `${i + 1}. ${escapeMrkdwn(s)}`).join('\n');
const bullets = (items: string[]) => items.map((s) => `• ${escapeMrkdwn(s)}`).join('\n');

const duration = (s: number) => (s < 90 ? `About ${s} seconds` : `About ${Math.round(s / 60)} minutes`);

/** Sources as links, as many as fit in one context line (a link is never cut in half). */
function sourcesLine(sources: AnswerReply['sources']): string {
  let line = 'Sources:';
  for (const s of sources) {
    const part = ` ${mrkdwnLink(s.url, s.title)} (${escapeMrkdwn(s.publisher)}, ${s.year})`;
    if (line.length + part.length > SECTION_MAX) break;
    line += part;
  }
  return line;
}

/** Title, summary, steps, cautions, sources and the medical line: the body every answer shares. */
function answerBody(r: AnswerReply): Block[] {
  const blocks: Block[] = [...notesBlocks(r.notes), header(r.entry.title), section(r.summary)];
  if (r.steps.length) blocks.push(sectionMrkdwn(numbered(r.steps)));
  if (r.dose) blocks.push(section(r.dose));
  if (r.durationS) blocks.push(context(duration(r.durationS)));
  if (r.cautions.length) blocks.push(sectionMrkdwn(`*Stop or skip it if*\n${bullets(r.cautions)}`));
  blocks.push(context(sourcesLine(r.sources)));
  if (r.medical) blocks.push(context('Education, not medical advice.'));
  return blocks;
}

const feedbackButtons = (entryId: string) => [
  button(ActionId.helpful, 'Helpful', entryId),
  button(ActionId.notHelpful, 'Not helpful', entryId),
];

const relatedButtons = (r: AnswerReply) =>
  r.related.map((ref, i) => button(indexedActionId(ActionId.openEntry, i), ref.title, ref.entryId));

function renderAnswer(r: AnswerReply): SlackMessage {
  const blocks = answerBody(r);
  if (r.followUps.length) blocks.push(context(`You could also ask: ${r.followUps.map((q) => `“${escapeMrkdwn(q)}”`).join(' · ')}`));
  blocks.push(actions('feedback', [...feedbackButtons(r.entry.entryId), ...relatedButtons(r)]));
  return message(r.text, blocks);
}

function renderClarify(r: ClarifyReply): SlackMessage {
  const options = r.options.map((o, i) => button(indexedActionId(ActionId.clarifyOption, i), o.title, o.entryId));
  return message(r.text, [...notesBlocks(r.notes), section(r.text), actions('clarify', options)]);
}

// Urgent replies are plain and prominent: a header and the core's words, no buttons, no emoji, no asides.
// The core's first line is the headline ("Please get urgent medical help now."); a one-line reply
// keeps a generic heading so the text is never lost.
function renderUrgent(r: UrgentReply): SlackMessage {
  const [first = '', ...rest] = r.text.split('\n');
  if (rest.length === 0) return message(r.text, [header(r.urgency === 'emergency' ? 'Please get help now' : 'Please see a doctor today'), section(r.text)]);
  return message(r.text, [header(first), section(rest.join('\n'))]);
}

function renderPlain(r: Extract<Reply, { kind: 'out_of_scope' | 'smalltalk' }>): SlackMessage {
  const blocks = [...notesBlocks(r.notes), section(r.text)];
  const extra = r.kind === 'out_of_scope' ? r.suggestions.filter((s) => !r.text.includes(s)) : [];
  if (extra.length) blocks.push(context(`You could ask: ${extra.map((s) => `“${escapeMrkdwn(s)}”`).join(' · ')}`));
  return message(r.text, blocks);
}

/** Any core reply as a Slack message. */
export function renderReply(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply);
    case 'clarify':
      return renderClarify(reply);
    case 'urgent':
      return renderUrgent(reply);
    case 'out_of_scope':
    case 'smalltalk':
      return renderPlain(reply);
  }
}

/** A quick tip (ephemeral) with its fallback note and a button to share it in the channel. */
export function renderTip(tip: { reply: AnswerReply; note: string | null }): SlackMessage {
  // The core usually carries the fallback note in reply.notes already; show it once.
  const extraNote = tip.note && !tip.reply.notes.includes(tip.note) ? [context(mrkdwnText(tip.note))] : [];
  const blocks = [...extraNote, ...answerBody(tip.reply)];
  blocks.push(actions('tip', [button(ActionId.shareTip, 'Share in channel', tip.reply.entry.entryId, 'primary'), ...feedbackButtons(tip.reply.entry.entryId)]));
  return message(tip.reply.text, blocks);
}

/** The same tip, posted visibly: no share button any more. */
export function renderSharedTip(reply: AnswerReply, sharedBy: string): SlackMessage {
  const blocks = [context(`Tip shared by <@${sharedBy.replace(/[^A-Z0-9]/gi, '')}>`), ...answerBody(reply)];
  blocks.push(actions('feedback', feedbackButtons(reply.entry.entryId)));
  return message(reply.text, blocks);
}

/** A stretch routine with Done / Snooze 1 h / Another one; channel nudges carry their subscription. */
export function renderRoutine(routine: AnswerReply, subscriptionId: string | null, intro?: string): SlackMessage {
  const value = encodeNudgeValue({ entryId: routine.entry.entryId, subscriptionId });
  const blocks = [...(intro ? [context(intro)] : []), ...answerBody(routine)];
  blocks.push(actions('nudge', [
    button(ActionId.nudgeDone, 'Done', value, 'primary'),
    button(ActionId.nudgeSnooze, 'Snooze 1 h', value),
    button(ActionId.nudgeAnother, 'Another one', value),
  ]));
  return message(routine.text, blocks);
}

/** A short reply of our own (help, confirmations, usage); `mrkdwn` is already escaped where it echoes input. */
export const renderNotice = (mrkdwn: string, fallback = mrkdwn): SlackMessage =>
  ({ text: fallback.slice(0, SECTION_MAX), blocks: [sectionMrkdwn(mrkdwn)] });
