// Mentions in channels and direct messages → the core → a reply in the thread or the DM.
import type { SlackDeps } from './deps.js';
import { guarded } from './failure.js';
import { renderReply } from './render.js';
import { isDirectMessage, isFromPerson, replyPlace, stripMention, toChatRequest, type SlackMessageEvent } from './translate.js';
import { parseDirectCommand } from '../../src/adapter-kit/backbuddy-command.js';
import { personalNudges } from './commands/personal-nudges.js';

export type MessageSource = 'mention' | 'dm';

export async function answerMessage(deps: SlackDeps, source: MessageSource, event: SlackMessageEvent, team: string, botUserId: string | undefined): Promise<void> {
  // Bots, edits and our own posts are not questions. A mention inside a DM arrives as a DM message too,
  // so each place is answered by one listener only.
  const ignored = !isFromPerson(event, botUserId) ? 'not_a_person' : (source === 'dm') !== isDirectMessage(event) ? 'other_listener' : null;
  if (ignored) return void deps.log.debug({ code: 'slack_ignored', source, reason: ignored }, 'slack_ignored');
  const place = replyPlace(event);
  // "nudges on me every 90m" typed in the DM: the person's own nudges, not a question.
  const command = source === 'dm' ? parseDirectCommand(stripMention(event.text ?? '', botUserId)) : null;
  if (command) {
    const where = { team, channel: event.channel, user: event.user as string };
    return void (await guarded(deps.log, `dm_nudges_${command.sub}`, async () => {
      await deps.poster.post(team, place, await personalNudges(deps, where, command.sub, command.words));
    }, (msg) => deps.poster.post(team, place, msg)));
  }
  await guarded(deps.log, `answer_${source}`, async () => {
    const reply = await deps.services.assistant.reply(toChatRequest(event, team, botUserId));
    deps.log.info({ code: 'slack_answered', source, kind: reply.kind }, 'slack_answered');
    await deps.poster.post(team, place, renderReply(reply));
  }, (msg) => deps.poster.post(team, place, msg));
}
