// /backbuddy nudges on|off|pause|resume|status target:me: the person's own nudges in a DM with the bot.
// What each does is src/nudges/manage.ts; this words the results in Discord markdown. No permission is
// needed: a person manages only their own DM nudges.
import type { ChatInputCommandInteraction } from 'discord.js';
import { Routes } from 'discord.js';
import type { NudgeSubcommand } from '../../src/adapter-kit/backbuddy-command.js';
import { answerPersonal } from '../../src/adapter-kit/personal-nudges.js';
import { statusLine, Wording } from '../../src/adapter-kit/wording.js';
import type { NudgeStatus } from '../../src/nudges/manage.js';
import { personalTarget } from '../../src/nudges/schedule.js';
import { NUDGE_ON_OPTIONS } from './commands.js';
import type { DiscordDeps } from './deps.js';
import { DISCORD_DM_WORKSPACE } from './dm.js';
import { discordErrorCode } from './errors.js';
import { md } from './limits.js';
import { renderNotice, type DiscordMessage } from './render.js';

const ON_FORM = '`/backbuddy nudges on target:me every:90m hours:9-17 timezone:Europe/Berlin`';
const CANNOT_DM = new Set(['cannot_message_user', 'unknown_user', 'unknown_channel', 'missing_access']);
const when = (at: Date) => `<t:${Math.floor(at.getTime() / 1000)}:f>`;

function describePersonal(s: NudgeStatus): string {
  if (s.state === 'off') return `${Wording.personalOff} Turn them on with ${ON_FORM}.`;
  const line = statusLine(s, { code: (t) => `\`${t.replace(/`/g, "'")}\``, when, platformName: 'Discord', command: (sub) => `\`/backbuddy nudges ${sub} target:me\`` });
  return s.personal ? `${line} ${Wording.personalExtra(s.personal, 'Discord')}` : line;
}

/** The slash command's options as the chat words src/nudges/options.ts reads. */
export function runPersonalNudges(deps: DiscordDeps, i: ChatInputCommandInteraction, sub: NudgeSubcommand): Promise<DiscordMessage> {
  const words = sub === 'pause'
    ? [i.options.getString('for') ?? '']
    : Object.entries(NUDGE_ON_OPTIONS).flatMap(([option, word]) => {
      const v = i.options.getString(option);
      return v ? [word, v] : [];
    });
  return personalNudges(deps, i.user.id, sub, words);
}

/** A person's own nudges, from the slash command or the same words typed in a DM with the bot. */
export async function personalNudges(deps: DiscordDeps, user: string, sub: NudgeSubcommand, words: string[]): Promise<DiscordMessage> {
  const target = personalTarget('discord', DISCORD_DM_WORKSPACE, user);
  const { nudges } = deps.services;
  switch (sub) {
    case 'on': {
      // Discord profiles have no time zone: the `timezone` option, else DEFAULT_TZ.
      const r = await nudges.turnOnPersonal({ platform: 'discord', workspace: DISCORD_DM_WORKSPACE, user }, words, async () => ({ kind: 'found', tz: null }), async (schedule) => {
        try {
          const channel = await deps.dms.channelOf(user);
          await deps.rest.post(Routes.channelMessages(channel), { body: { content: `Your own stretch nudges are on, here in our DM: \`${schedule}\`. \`/backbuddy nudges off target:me\` stops them.`, allowed_mentions: { parse: [] } } });
          return true;
        } catch (e) {
          deps.dms.forget(user);
          if (!CANNOT_DM.has(discordErrorCode(e))) throw e;
          return false;
        }
      });
      if (r.kind === 'invalid') return renderNotice(`That did not work: ${md(r.problem, 1000)}\nThe form is ${ON_FORM} (every option is optional).`);
      if (r.kind === 'not_here') return renderNotice(Wording.cannotDm.replace('in my Messages tab', 'from server members in your Privacy settings'));
      return renderNotice(`Your nudges are on. ${describePersonal(r.status)}`);
    }
    default: {
      const a = await answerPersonal(nudges, target, sub, words, describePersonal);
      return renderNotice(a.kind === 'invalid' ? `That did not work: ${md(a.problem, 500)}` : a.text);
    }
  }
}
