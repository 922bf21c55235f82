import { systemClock } from '../common/clock.js';
import { totalStats } from '../review/activity.js';
import { intOption, parseOptions, unexpected } from './args.js';
import { withStore, workspaceOption, type StoreIo } from './store-io.js';

export const STATS_HELP = `usage: backbuddy stats [--days 1-366] [--workspace ID | --guild ID] [--json]

Anonymous activity per channel over the last --days UTC days (default 30, today included): nudges
sent, Done clicks, questions (answered, clarified or not answered) and answers by tag. Direct
messages are counted together as "(direct)", and no user id or message text is stored, so nothing
here points at a person. --workspace (Slack) or --guild (Discord) shows one workspace. --json prints
one JSON object. Opens the store (DATA_DIR or DATABASE_URL).`;

/** `backbuddy stats`. Exit 0 done, 1 the store could not be opened, 2 usage. */
export async function runStats(args: string[], io: StoreIo): Promise<number> {
  const command = 'backbuddy stats';
  const fail = (line: string) => (io.err(line), 2);
  const o = parseOptions(command, args, { flags: ['json'], values: ['days', 'workspace', 'guild'] });
  if (!o.ok) return fail(o.error);
  if (o.value.flags.has('help')) return (io.out(STATS_HELP), 0);
  if (o.value.words.length) return fail(unexpected(command, o.value.words));
  const days = intOption(command, o.value, 'days', 1, 366, 30);
  if (!days.ok) return fail(days.error);
  const ws = workspaceOption(command, o.value, false);
  if (!ws.ok) return fail(ws.error);

  const now = (io.clock ?? systemClock).now();
  const toDay = now.toISOString().slice(0, 10);
  const fromDay = new Date(now.getTime() - (days.value - 1) * 86_400_000).toISOString().slice(0, 10);
  return withStore(io, async (store) => {
    const channels = await store.channelStats({ fromDay, toDay, ...(ws.value ? ws.value : {}) });
    const total = totalStats(channels);
    if (o.value.flags.has('json')) {
      io.out(JSON.stringify({ fromDay, toDay, total, channels }));
      return 0;
    }
    io.out(`stats: ${fromDay} to ${toDay} (UTC), ${channels.length} channel${channels.length === 1 ? '' : 's'}`);
    for (const c of [...channels.map((ch) => ({ ...ch, name: `${ch.platform}/${ch.workspace}/${ch.channel}` })), { ...total, name: 'all channels' }]) {
      const tags = Object.entries(c.byTag).slice(0, 8).map(([t, n]) => `${t} ${n}`).join(', ');
      io.out(`\n${c.name}`);
      io.out(`  nudges sent ${c.nudgesSent}, Done clicks ${c.doneClicks}, questions ${c.questions} (answered ${c.answered})`);
      if (tags) io.out(`  by tag: ${tags}`);
    }
    return 0;
  });
}
