import { parseOptions, unexpected } from './args.js';
import { withStore, workspaceOption, type StoreIo } from './store-io.js';
import { systemClock } from '../common/clock.js';
import type { PurgeCounts } from '../store/store.js';

export const DATA_HELP = `usage: backbuddy data export --workspace ID | --guild ID
       backbuddy data purge  --workspace ID | --guild ID --yes

export prints, as one JSON document on stdout, everything the store holds about a Slack workspace
(--workspace, its team id) or a Discord server (--guild): the installation, nudge subscriptions and
their deliveries, Done counts, question counts, unanswered question text and conversation context.
purge deletes all of it, in one transaction, and needs --yes. Feedback votes are kept: they carry an
entry id and a time only, and no workspace. Both open the store (DATA_DIR or DATABASE_URL).`;

const COMMANDS = ['export', 'purge'];

/** `backbuddy data export|purge`. Exit codes: 0 done, 1 the store could not be opened, 2 usage. */
export async function runData(args: string[], io: StoreIo): Promise<number> {
  const [sub, ...rest] = args;
  const fail = (line: string) => (io.err(line), 2);
  if (sub === undefined) return fail('backbuddy data: expected a command, export or purge (see backbuddy data --help)');
  if (sub === '--help' || sub === '-h' || sub === 'help') return (io.out(DATA_HELP), 0);
  if (sub.startsWith('-')) return fail(`backbuddy data: unknown option ${sub} (see backbuddy data --help)`);
  if (!COMMANDS.includes(sub)) return fail(`backbuddy data: unknown command "${sub}"; expected export or purge (see backbuddy data --help)`);
  const command = `backbuddy data ${sub}`;
  const o = parseOptions(command, rest, { flags: sub === 'purge' ? ['yes'] : [], values: ['workspace', 'guild'] });
  if (!o.ok) return fail(o.error);
  if (o.value.flags.has('help')) return (io.out(DATA_HELP), 0);
  if (o.value.words.length) return fail(unexpected(command, o.value.words));
  const ws = workspaceOption(command, o.value, true);
  if (!ws.ok) return fail(ws.error);
  const { platform, workspace } = ws.value!;
  const what = `${platform === 'slack' ? 'Slack workspace' : 'Discord server'} ${workspace}`;
  if (sub === 'purge' && !o.value.flags.has('yes')) return fail(`${command}: deletes everything stored about ${what}; add --yes to confirm`);

  return withStore(io, async (store) => {
    if (sub === 'export') {
      const data = await store.exportWorkspace(platform, workspace);
      const exportedAt = (io.clock ?? systemClock).now().toISOString();
      io.out(JSON.stringify({ exportedAt, ...data, notIncluded: ['feedback votes (an entry id, helpful or not, and a time; no workspace)', 'platform event ids (kept one hour; no workspace)', 'file ids of routine illustrations uploaded to the workspace (pictures of the library, no personal data; purged with it)'] }, null, 2));
      return 0;
    }
    const purged = await store.purgeWorkspace(platform, workspace);
    io.out(`purged ${what}: ${describeCounts(purged)}`);
    return 0;
  });
}

const LABELS: Record<keyof PurgeCounts, [string, string]> = {
  installations: ['installation', 'installations'],
  subscriptions: ['nudge subscription', 'nudge subscriptions'],
  deliveries: ['nudge delivery', 'nudge deliveries'],
  doneCounts: ['Done count', 'Done counts'],
  questionCounts: ['question count', 'question counts'],
  unansweredQuestions: ['unanswered question', 'unanswered questions'],
  conversationContexts: ['conversation context', 'conversation contexts'],
  uploadedImages: ['uploaded illustration', 'uploaded illustrations'],
};

/** "1 installation, 2 nudge subscriptions, …": every table, zeros included, so nothing looks forgotten. */
const describeCounts = (c: PurgeCounts) =>
  (Object.keys(LABELS) as Array<keyof PurgeCounts>).map((k) => `${c[k]} ${LABELS[k][c[k] === 1 ? 0 : 1]}`).join(', ');
