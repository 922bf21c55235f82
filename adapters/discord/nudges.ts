// /backbuddy nudges on|off|pause|resume|status: what each does is src/nudges/manage.ts; this words the
// results in Discord markdown. Managing nudges needs Manage Channels in the target channel, checked on
// every use (Discord computes the member's permissions in the channel, overwrites included).
import { PermissionFlagsBits, PermissionsBitField, Routes, type ChatInputCommandInteraction } from 'discord.js';
import type { NudgeSubcommand } from '../../src/adapter-kit/backbuddy-command.js';
import { statusLine, Wording } from '../../src/adapter-kit/wording.js';
import type { NudgeStatus } from '../../src/nudges/manage.js';
import type { NudgeTarget } from '../../src/nudges/schedule.js';
import { NUDGE_ON_OPTIONS } from './commands.js';
import type { DiscordDeps } from './deps.js';
import { isNotAllowedHere } from './errors.js';
import { md } from './limits.js';
import { renderNotice, type DiscordMessage } from './render.js';
import { runPersonalNudges } from './personal-nudges.js';

const ON_FORM = '`/backbuddy nudges on every:90m hours:9-17 days:mon-fri timezone:Europe/Berlin`';

/** `<t:unix:f>` shows the instant in each reader's own zone. */
const when = (at: Date) => `<t:${Math.floor(at.getTime() / 1000)}:f>`;

export function describeStatus(s: NudgeStatus): string {
  if (s.state === 'off') return Wording.nudgesOff;
  return statusLine(s, { code: (t) => `\`${t.replace(/`/g, "'")}\``, when, platformName: 'Discord', command: (sub) => `\`/backbuddy nudges ${sub}\`` });
}

const usage = (problem: string) => renderNotice(`That did not work: ${md(problem, 1000)}\nThe form is ${ON_FORM} (every option is optional).`);

/** Manage Channels in the target channel: the resolved channel option carries the member's permissions there. */
function mayManage(i: ChatInputCommandInteraction, channelId: string): boolean {
  const picked = i.options.get('channel')?.channel as { permissions?: unknown } | null | undefined;
  const raw = channelId !== i.channelId && picked?.permissions !== undefined ? picked.permissions : i.memberPermissions;
  if (raw === null || raw === undefined) return false;
  const perms = raw instanceof PermissionsBitField ? raw : new PermissionsBitField(BigInt(String(raw)));
  return perms.has(PermissionFlagsBits.ManageChannels);
}

export async function runNudges(deps: DiscordDeps, i: ChatInputCommandInteraction, sub: NudgeSubcommand): Promise<DiscordMessage> {
  if (i.options.getString('target') === 'me') return runPersonalNudges(deps, i, sub);
  if (!i.inGuild()) return renderNotice('Nudges are for server channels. Run this in the channel that should get them.');
  const channel = i.options.getChannel('channel')?.id ?? i.channelId;
  const target: NudgeTarget = { platform: 'discord', workspace: i.guildId, channel };
  const { nudges } = deps.services;
  if (sub !== 'status' && !mayManage(i, channel)) {
    deps.log.info({ code: 'discord_nudges_forbidden', sub }, 'discord_nudges_forbidden');
    return renderNotice(`Managing nudges needs the **Manage Channels** permission in <#${channel}>. \`/backbuddy nudges status\` works for everyone.`);
  }
  switch (sub) {
    case 'on': {
      const words = Object.entries(NUDGE_ON_OPTIONS).flatMap(([option, word]) => {
        const v = i.options.getString(option);
        return v ? [word, v] : [];
      });
      const r = await nudges.turnOn(target, words, i.user.id, async (schedule) => {
        try {
          await deps.rest.post(Routes.channelMessages(channel), { body: { content: `<@${i.user.id}> turned on stretch nudges here: \`${schedule}\`. \`/backbuddy nudges off\` stops them.`, allowed_mentions: { parse: [] } } });
          return true;
        } catch (e) {
          if (!isNotAllowedHere(e)) throw e;
          return false;
        }
      });
      if (r.kind === 'invalid') return usage(r.problem);
      if (r.kind === 'not_here') return renderNotice(`I cannot post in <#${channel}>. Give me **View Channel**, **Send Messages** and **Embed Links** there, then run the command again.`);
      return renderNotice(`Nudges are on in <#${channel}>. ${describeStatus(r.status)}`);
    }
    case 'off':
      return renderNotice((await nudges.turnOff(target)) ? Wording.nudgesOff : Wording.noNudgesToTurnOff);
    case 'pause': {
      const r = await nudges.pause(target, [i.options.getString('for') ?? '']);
      if (r.kind === 'invalid') return renderNotice(`That did not work: ${md(r.problem, 500)}`);
      return renderNotice(r.kind === 'changed' ? `Nudges are ${describeStatus(r.status).replace(/^`[^`]*`: /, '')}` : Wording.noNudgesTo('pause'));
    }
    case 'resume': {
      const r = await nudges.resume(target);
      return renderNotice(r.kind === 'changed' ? `Nudges are back on. ${describeStatus(r.status)}` : Wording.noNudgesTo('resume'));
    }
    case 'status': {
      const s = await nudges.status(target);
      return renderNotice(s.state === 'off' ? `${Wording.nudgesOff} Turn them on with ${ON_FORM}.` : `Nudges in <#${channel}>: ${describeStatus(s)}`);
    }
  }
}
