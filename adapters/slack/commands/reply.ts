// Two ways a slash command answers, both through the one catch point. Slack wants an ack within 3 s:
// quick answers ride on the ack itself; slower ones ack empty first and answer through response_url.
import type { Logger } from 'pino';
import type { SlackMessage } from '../blocks.js';
import { FALLBACK_MESSAGE, guarded } from '../failure.js';

export type Ack = (body?: { response_type: 'ephemeral'; text: string; blocks: SlackMessage['blocks'] }) => Promise<void>;
export type Respond = (body: Record<string, unknown>) => Promise<unknown>;

/** What a command does: answer on the ack (`quick`) or after it (`slow`). */
export type CommandPlan = { name: string; quick: boolean; build: () => SlackMessage | Promise<SlackMessage> };

const ephemeral = (msg: SlackMessage) => ({ response_type: 'ephemeral' as const, ...msg });

export async function runCommand(log: Logger, plan: CommandPlan, ack: Ack, respond: Respond): Promise<void> {
  if (plan.quick) {
    let msg = FALLBACK_MESSAGE;
    await guarded(log, `command_${plan.name}`, async () => { msg = await plan.build(); });
    await ack(ephemeral(msg));
    return;
  }
  await ack();
  await guarded(log, `command_${plan.name}`, async () => { await respond(ephemeral(await plan.build())); },
    (msg) => respond(ephemeral(msg)));
}
