// /backbuddy ask | stretch | nudges … | help: picks the sub-command; each answers through reply.ts.
import { splitWords } from '../../../src/nudges/options.js';
import type { SlackDeps } from '../deps.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { renderNotice, renderReply, renderRoutine } from '../render.js';
import { helpMessage } from './help.js';
import { nudgesPlan, type CommandWhere } from './nudges.js';
import type { CommandPlan } from './reply.js';

export function backbuddyPlan(deps: SlackDeps, where: CommandWhere, text: string): CommandPlan {
  const trimmed = text.trim();
  const [sub = '', ...rest] = trimmed.split(/\s+/);
  switch (sub.toLowerCase()) {
    case 'ask': {
      const question = trimmed.slice(sub.length).trim();
      if (!question) return { name: 'ask_usage', quick: true, build: () => renderNotice('The form is `/backbuddy ask &lt;question&gt;`, e.g. `/backbuddy ask is sitting bad for my back?`') };
      return {
        name: 'ask',
        quick: false,
        build: async () => renderReply(await deps.assistant.reply({
          text: question,
          // One conversation per person and channel, so a second /backbuddy ask can follow up.
          conversation: `slack:${where.team}:${where.channel}:${where.user}`,
          platform: 'slack',
          // Ids for the core's question limits and anonymous counts (direct-message channel ids start with D).
          ...(where.team && where.channel && where.user ? { from: { workspace: where.team, channel: where.channel, user: where.user, direct: where.channel.startsWith('D') } } : {}),
        })),
      };
    }
    case 'stretch':
      return { name: 'stretch', quick: true, build: () => renderRoutine(deps.assistant.stretch(), null) };
    case 'nudges':
      return nudgesPlan(deps, where, splitWords(rest.join(' ')));
    case '':
    case 'help':
      return { name: 'help', quick: true, build: () => helpMessage(deps.assistant.topics()) };
    default:
      return { name: 'help', quick: true, build: () => helpMessage(deps.assistant.topics(), `I don't know \`${escapeMrkdwn(sub)}\`. Here is what I can do:`) };
  }
}
