// Core replies → Block Kit. Layout only: what to show, in which order and with which actions was decided
// by the presentation layer (src/core/present.ts); here it is escaped and fitted to Slack's limits.
import type { AnswerReply, Reply } from '../../src/core/reply-schema.js';
import { Labels, presentReply, presentRoutine, presentSharedTip, presentTip, type AnswerView, type ReplyView } from '../../src/core/present.js';
import type { ReplyAction } from '../../src/core/reply-actions.js';
import { actions, button, context, header, imageFile, message, section, sectionMrkdwn, type Block, type SlackMessage } from './blocks.js';
import type { SlackImage } from './images.js';
import { escapeMrkdwn, mrkdwnLink, mrkdwnText, SECTION_MAX } from './mrkdwn.js';

const notesBlocks = (notes: string[]): Block[] => (notes.length ? [context(notes.map(escapeMrkdwn).join('\n'))] : []);

const numbered = (items: string[]) => items.map((s, i) => `${i + 1}. ${escapeMrkdwn(s)}`).join('\n');
const bullets = (items: string[]) => items.map((s) => `• ${escapeMrkdwn(s)}`).join('\n');
const quoted = (items: string[]) => items.map((q) => `“${escapeMrkdwn(q)}”`).join(' · ');

/** Sources as links, as many as fit in one context line (a link is never cut in half). */
function sourcesLine(sources: AnswerReply['sources']): string {
  let line = `${Labels.sources}:`;
  for (const s of sources) {
    const part = ` ${mrkdwnLink(s.url, s.title)} (${escapeMrkdwn(s.publisher)}, ${s.year})`;
    if (line.length + part.length > SECTION_MAX) break;
    line += part;
  }
  return line;
}

const buttons = (blockId: string, list: ReplyAction[]): Block[] =>
  list.length ? [actions(blockId, list.map((a) => button(a.id, a.label, a.value, a.style)))] : [];

function answerBlocks(v: AnswerView, blockId: string, lead: Block[] = [], image: SlackImage | null = null): SlackMessage {
  const blocks: Block[] = [...lead, ...notesBlocks(v.notes), header(v.title), section(v.summary)];
  // The illustration sits between the summary and the steps, where the eye goes for "how".
  if (image && v.image) blocks.push(imageFile(image.fileId, image.alt));
  if (v.steps.length) blocks.push(sectionMrkdwn(numbered(v.steps)));
  if (v.dose) blocks.push(section(v.dose));
  if (v.duration) blocks.push(context(escapeMrkdwn(v.duration)));
  if (v.cautions.length) blocks.push(sectionMrkdwn(`*${Labels.cautions}*\n${bullets(v.cautions)}`));
  blocks.push(context(sourcesLine(v.sources)));
  if (v.medicalNote) blocks.push(context(escapeMrkdwn(v.medicalNote)));
  if (v.followUps.length) blocks.push(context(`${Labels.followUps} ${quoted(v.followUps)}`));
  return message(v.fallback, [...blocks, ...buttons(blockId, v.actions)]);
}

function renderView(v: ReplyView): SlackMessage {
  switch (v.kind) {
    case 'answer':
      return answerBlocks(v, 'feedback');
    case 'clarify':
      return message(v.fallback, [...notesBlocks(v.notes), section(v.text), ...buttons('clarify', v.actions)]);
    // Urgent replies are plain and prominent: a header and the core's words, no buttons, no emoji, no asides.
    case 'urgent':
      return message(v.fallback, [header(v.heading), section(v.body)]);
    case 'plain': {
      const extra = v.suggestions.length ? [context(`${Labels.suggestions} ${quoted(v.suggestions)}`)] : [];
      return message(v.fallback, [...notesBlocks(v.notes), section(v.text), ...extra]);
    }
  }
}

/** Any core reply as a Slack message. */
export const renderReply = (reply: Reply): SlackMessage => renderView(presentReply(reply));

/** A quick tip (ephemeral) with its fallback note and a button to share it in the channel. */
export const renderTip = (tip: { reply: AnswerReply; note: string | null }): SlackMessage => answerBlocks(presentTip(tip), 'tip');

/** The same tip, posted visibly: no share button any more. */
export const renderSharedTip = (reply: AnswerReply, sharedBy: string): SlackMessage =>
  answerBlocks(presentSharedTip(reply), 'feedback', [context(`Tip shared by <@${sharedBy.replace(/[^A-Z0-9]/gi, '')}>`)]);

/** A stretch routine with Done / Snooze 1 h / Another one; channel nudges carry their subscription. With `image`, its illustration. */
export const renderRoutine = (routine: AnswerReply, subscriptionId: string | null, intro?: string, image: SlackImage | null = null): SlackMessage =>
  answerBlocks(presentRoutine(routine, subscriptionId), 'nudge', intro ? [context(mrkdwnText(intro))] : [], image);

/** A short reply of our own (help, confirmations, usage); `mrkdwn` is already escaped where it echoes input. */
export const renderNotice = (mrkdwn: string, fallback = mrkdwn): SlackMessage =>
  ({ text: fallback.slice(0, SECTION_MAX), blocks: [sectionMrkdwn(mrkdwn)] });
