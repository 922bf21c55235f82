// /backbuddy ask | stretch | nudges … | help: the text is parsed by src/adapter-kit/backbuddy-command.ts;
// each command answers through reply.ts.
import { parseBackbuddyCommand } from '../../../src/adapter-kit/backbuddy-command.js';
import type { SlackDeps } from '../deps.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { imageOf } from '../../../src/core/present.js';
import { renderNotice, renderReply, renderRoutine } from '../render.js';
import { helpMessage } from './help.js';
import { nudgesPlan, usage, type CommandWhere } from './nudges.js';
import { personalNudgesPlan } from './personal-nudges.js';
import type { CommandPlan } from './reply.js';

export function backbuddyPlan(deps: SlackDeps, where: CommandWhere, text: string): CommandPlan {
  const { assistant } = deps.services;
  const cmd = parseBackbuddyCommand(text);
  switch (cmd.kind) {
    case 'ask_usage':
      return { name: 'ask_usage', quick: true, build: () => renderNotice('The form is `/backbuddy ask &lt;question&gt;`, e.g. `/backbuddy ask is sitting bad for my back?`') };
    case 'ask':
      return {
        name: 'ask',
        quick: false,
        build: async () => renderReply(await assistant.reply({
          text: cmd.question,
          // One conversation per person and channel, so a second /backbuddy ask can follow up.
          conversation: `slack:${where.team}:${where.channel}:${where.user}`,
          platform: 'slack',
          // Ids for the core's question limits and anonymous counts (direct-message channel ids start with D).
          ...(where.team && where.channel && where.user ? { from: { workspace: where.team, channel: where.channel, user: where.user, direct: where.channel.startsWith('D') } } : {}),
        })),
      };
    case 'stretch':
      return {
        name: 'stretch',
        quick: true,
        // Rides on the ack, so only an illustration already uploaded to the workspace is shown (a first one uploads meanwhile).
        build: async () => {
          const routine = assistant.stretch();
          return renderRoutine(routine, null, undefined, await deps.images.ifUploaded(where.team, imageOf(routine)));
        },
      };
    case 'nudges':
      return cmd.personal ? personalNudgesPlan(deps, where, cmd.sub, cmd.words) : nudgesPlan(deps, where, cmd.sub, cmd.words);
    case 'nudges_usage':
      return { name: 'nudges_usage', quick: true, build: () => usage(cmd.problem) };
    case 'help':
      return { name: 'help', quick: true, build: () => helpMessage(assistant.topics(), cmd.unknown === null ? undefined : `I don't know \`${escapeMrkdwn(cmd.unknown)}\`. Here is what I can do:`) };
  }
}
