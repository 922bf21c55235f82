import type { Clock } from '../common/clock.js';
import type { Result } from '../common/result.js';
import type { StoreOpenError } from '../store/open.js';
import type { Platform, Store } from '../store/store.js';
import type { CliIo } from './io.js';
import type { Options } from './args.js';
import { err, ok } from '../common/result.js';

/** What commands that open the store need; tests pass a MemoryStore and a fixed clock. */
export type StoreIo = CliIo & {
  openStore?: () => Promise<Result<Store, StoreOpenError>>;
  clock?: Clock;
};

/**
 * Runs `work` on the store the config names (PGlite in DATA_DIR, or DATABASE_URL), imported only
 * here so commands that need no store never load a driver. Exit 1 when it cannot be opened.
 */
export async function withStore(io: StoreIo, work: (store: Store) => Promise<number>): Promise<number> {
  const opened = await (io.openStore ?? (async () => (await import('../store/open.js')).openStore(io.config, io.clock ? { clock: io.clock } : {})))();
  if (!opened.ok) {
    io.err(`backbuddy: ${opened.error.message}`);
    return 1;
  }
  try {
    return await work(opened.value);
  } finally {
    await opened.value.close();
  }
}

/** `--workspace ID` (a Slack team) or `--guild ID` (a Discord server): one of them, not both. */
export function workspaceOption(command: string, o: Options, required: boolean): Result<{ platform: Platform; workspace: string } | null, string> {
  const slack = o.values.get('workspace');
  const discord = o.values.get('guild');
  if (slack !== undefined && discord !== undefined) return err(`${command}: --workspace and --guild name one workspace each; give one of them (see ${command} --help)`);
  if (slack !== undefined) return ok({ platform: 'slack', workspace: slack });
  if (discord !== undefined) return ok({ platform: 'discord', workspace: discord });
  return required ? err(`${command}: expected --workspace ID (a Slack team id, e.g. T0123ABCD) or --guild ID (a Discord server id) (see ${command} --help)`) : ok(null);
}
