// Core replies → Discord messages (embeds, buttons, plain content). Layout only: the presentation layer
// (src/core/present.ts) decided what to show. Urgent replies are plain content with a heading and no
// embed or buttons, so nothing competes with them.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import { Labels, presentReply, presentRoutine, presentSharedTip, presentTip, type AnswerView, type ReplyView } from '../../src/core/present.js';
import type { ReplyAction } from '../../src/core/reply-actions.js';
import type { AnswerReply, Reply } from '../../src/core/reply-schema.js';
import type { RoutinePng } from '../../src/images/routine-images.js';
import { customIdOf } from './custom-ids.js';
import {
  BUTTON_LABEL_MAX, BUTTONS_PER_ROW, CONTENT_MAX, EMBED_DESCRIPTION_MAX, EMBED_TITLE_MAX, EMBEDS_TOTAL_MAX,
  FIELD_NAME_MAX, FIELD_VALUE_MAX, FOOTER_MAX, NO_PINGS, ROWS_MAX, cut, md, mdLink,
} from './limits.js';

/** What the adapter posts: the body of a message, an interaction reply or an edit. */
export type DiscordMessage = {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_PINGS;
  /** Attached files (a routine's illustration), shown by the embed as `attachment://<name>`. */
  files?: { attachment: Buffer; name: string; description: string }[];
};

/** Discord's limit on an attachment's description (its alt text). */
const ATTACHMENT_DESCRIPTION_MAX = 1024;

const ButtonStyle = { Primary: 1, Secondary: 2 } as const;

function rows(actions: ReplyAction[]): APIActionRowComponent<APIButtonComponent>[] {
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < actions.length && out.length < ROWS_MAX; i += BUTTONS_PER_ROW) {
    out.push({
      type: 1,
      components: actions.slice(i, i + BUTTONS_PER_ROW).map((a) => ({
        type: 2, style: a.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary, label: cut(a.label, BUTTON_LABEL_MAX), custom_id: customIdOf(a),
      })),
    });
  }
  return out;
}

/** Sources as links, as many as fit in one field (a link is never cut in half). */
function sourcesValue(sources: AnswerReply['sources']): string {
  let value = '';
  for (const s of sources) {
    const line = `${value ? '\n' : ''}${mdLink(s.url, s.title)} (${md(s.publisher, 200)}, ${s.year})`;
    if (value.length + line.length > FIELD_VALUE_MAX) break;
    value += line;
  }
  return value || '-';
}

const field = (name: string, value: string): APIEmbedField => ({ name: cut(name, FIELD_NAME_MAX), value: cut(value, FIELD_VALUE_MAX) });

/** Keeps the embed under Discord's 6000-character total by dropping fields from the end, then cutting the description. */
function fit(embed: APIEmbed): APIEmbed {
  const size = (e: APIEmbed) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0)
    + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  const fields = [...(embed.fields ?? [])];
  let e = { ...embed, fields };
  while (size(e) > EMBEDS_TOTAL_MAX && fields.length > 1) fields.splice(fields.length - 2, 1); // keep Sources, the last field
  if (size(e) > EMBEDS_TOTAL_MAX) e = { ...e, description: cut(e.description ?? '', Math.max(1, (e.description?.length ?? 0) - (size(e) - EMBEDS_TOTAL_MAX))) };
  return e;
}

function answerEmbed(v: AnswerView, lead?: string): APIEmbed {
  const parts: string[] = [];
  if (lead) parts.push(`*${md(lead, 300)}*`);
  for (const n of v.notes) parts.push(`*${md(n, 500)}*`);
  parts.push(md(v.summary));
  if (v.steps.length) parts.push(v.steps.map((s, i) => `${i + 1}. ${md(s, 600)}`).join('\n'));
  if (v.dose) parts.push(md(v.dose, 500));
  if (v.duration) parts.push(md(v.duration, 100));
  const fields: APIEmbedField[] = [];
  if (v.cautions.length) fields.push(field(Labels.cautions, v.cautions.map((c) => `• ${md(c, 400)}`).join('\n')));
  if (v.followUps.length) fields.push(field(Labels.followUps, v.followUps.map((q) => `“${md(q, 200)}”`).join('\n')));
  fields.push(field(Labels.sources, sourcesValue(v.sources)));
  return fit({
    title: cut(v.title, EMBED_TITLE_MAX),
    description: cut(parts.join('\n\n'), EMBED_DESCRIPTION_MAX),
    fields,
    ...(v.medicalNote ? { footer: { text: cut(v.medicalNote, FOOTER_MAX) } } : {}),
  });
}

const answerMessage = (v: AnswerView, lead?: string): DiscordMessage =>
  ({ embeds: [answerEmbed(v, lead)], components: rows(v.actions), allowedMentions: NO_PINGS });

function renderView(v: ReplyView): DiscordMessage {
  switch (v.kind) {
    case 'answer':
      return answerMessage(v);
    case 'urgent':
      return { content: cut(`## ${md(v.heading, 200)}\n${md(v.body, CONTENT_MAX)}`, CONTENT_MAX), components: [], embeds: [], allowedMentions: NO_PINGS };
    case 'clarify':
      return { content: cut([...v.notes.map((n) => `*${md(n, 300)}*`), md(v.text, CONTENT_MAX)].join('\n'), CONTENT_MAX), components: rows(v.actions), allowedMentions: NO_PINGS };
    case 'plain': {
      const lines = [...v.notes.map((n) => `*${md(n, 300)}*`), md(v.text, CONTENT_MAX)];
      if (v.suggestions.length) lines.push(`${Labels.suggestions} ${v.suggestions.map((s) => `“${md(s, 200)}”`).join(' · ')}`);
      return { content: cut(lines.join('\n'), CONTENT_MAX), allowedMentions: NO_PINGS };
    }
  }
}

export const renderReply = (reply: Reply): DiscordMessage => renderView(presentReply(reply));

export const renderTip = (tip: { reply: AnswerReply; note: string | null }): DiscordMessage => answerMessage(presentTip(tip));

export const renderSharedTip = (reply: AnswerReply, sharedBy: string): DiscordMessage => {
  const msg = answerMessage(presentSharedTip(reply));
  // A user mention shows the name without pinging (allowedMentions is empty).
  return { ...msg, content: `Tip shared by <@${sharedBy.replace(/\D/g, '')}>` };
};

/** A stretch routine with its buttons; with `png`, its illustration attached and shown as the embed's image. */
export function renderRoutine(routine: AnswerReply, subscriptionId: string | null, intro?: string, png: RoutinePng | null = null): DiscordMessage {
  const view = presentRoutine(routine, subscriptionId);
  const msg = answerMessage(view, intro);
  if (!png || !view.image || !msg.embeds?.[0]) return msg;
  const [embed] = msg.embeds;
  return {
    ...msg,
    embeds: [{ ...embed, image: { url: `attachment://${png.name}` } }],
    files: [{ attachment: png.bytes, name: png.name, description: cut(view.image.alt, ATTACHMENT_DESCRIPTION_MAX) }],
  };
}

/** A short reply of our own; `text` is Discord markdown already (escape what it echoes). */
export const renderNotice = (text: string): DiscordMessage => ({ content: cut(text, CONTENT_MAX), embeds: [], components: [], allowedMentions: NO_PINGS });
