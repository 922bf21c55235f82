import type { Config } from '../config/schema.js';
import { describeSchedule, machineTimeZone, parseNudgeOptions, type NudgeOptions, type OptionName } from '../nudges/options.js';
import { checkFocus, focusChoices } from '../nudges/focus.js';
import { nextSlots } from '../nudges/slots.js';
import { TERMINAL_TARGET } from '../nudges/terminal-sink.js';
import { formatLocal } from '../nudges/zoned-time.js';
import type { Clock } from '../common/clock.js';
import { systemClock } from '../common/clock.js';
import type { Result } from '../common/result.js';
import type { StoreOpenError } from '../store/open.js';
import { PAUSED_INDEFINITELY, type NudgeTarget, type Store, type Subscription } from '../store/store.js';

export type NudgesIo = {
  out: (s: string) => void;
  err: (s: string) => void;
  config: Config;
  /** Tests pass a MemoryStore; by default the store the config names (opened only by commands that need it). */
  openStore?: () => Promise<Result<Store, StoreOpenError>>;
  clock?: Clock;
};

export const NUDGES_HELP = `backbuddy nudges: stretch nudges for a channel during working hours

  backbuddy nudges preview [schedule] [--from ISO] [--count 1-100] [--json]
  backbuddy nudges add     [schedule] [--focus hips,neck] [target] [--by NAME]
  backbuddy nudges list    [--platform P] [--workspace W] [--json]
  backbuddy nudges pause   [target | --id N] [--for 2h | --until ISO]   (no length: until resumed)
  backbuddy nudges resume  [target | --id N]
  backbuddy nudges remove  [target | --id N]

schedule:
  --every 90m            30m to 8h (default 90m), or
  --cron "0 10,15 * * 1-5"  five fields, evaluated in the time zone
  --hours 9-17           working window, whole hours or 9:30-17:30 (default 9-17)
  --days mon-fri         a range or comma list of mon ... sun (default mon-fri)
  --tz Europe/Berlin     an IANA zone (default DEFAULT_TZ, else this machine's zone)
target:
  --platform cli|slack|discord --workspace ID --channel ID (default: the terminal chat, cli/local/terminal)

Slots fall at the window's start and every --every after it while before the window's end, on working
days, in the zone; preview needs no store. Bad options exit 2.`;

const SCHEDULE: OptionName[] = ['every', 'cron', 'hours', 'days', 'tz'];
const TARGET: OptionName[] = ['platform', 'workspace', 'channel'];
const ALLOW: Record<string, OptionName[]> = {
  preview: [...SCHEDULE, 'from', 'count', 'json', 'help'],
  add: [...SCHEDULE, 'focus', ...TARGET, 'by', 'json', 'help'],
  list: ['platform', 'workspace', 'json', 'help'],
  pause: [...TARGET, 'id', 'for', 'until', 'help'],
  resume: [...TARGET, 'id', 'help'],
  remove: [...TARGET, 'id', 'help'],
};

/** `backbuddy nudges …`. Exit codes: 0 ok, 1 store problem or no such subscription, 2 bad options. */
export async function runNudges(args: string[], io: NudgesIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined) {
    io.err(`backbuddy nudges: expected a command, one of ${Object.keys(ALLOW).join(', ')} (see backbuddy nudges --help)`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(NUDGES_HELP);
    return 0;
  }
  const allow = ALLOW[command];
  if (!allow) {
    io.err(`nudges ${command}: not a command; expected one of ${Object.keys(ALLOW).join(', ')} (see backbuddy nudges --help)`);
    return 2;
  }
  const parsed = parseNudgeOptions(rest, { defaultTz: io.config.DEFAULT_TZ ?? machineTimeZone(), allow });
  if (!parsed.ok) {
    io.err(parsed.error);
    return 2;
  }
  const opts = parsed.value;
  if (opts.help) {
    io.out(NUDGES_HELP);
    return 0;
  }
  const clock = io.clock ?? systemClock;
  if (command === 'preview') return preview(opts, io, clock);

  const target = command === 'list' ? null : targetOf(opts);
  if (target && !target.ok) {
    io.err(target.error);
    return 2;
  }
  if (command === 'add' && opts.schedule.focusTags.length) {
    const problem = checkFocus(opts.schedule.focusTags, await focusChoicesOf(io.config));
    if (problem) {
      io.err(problem);
      return 2;
    }
  }
  const opened = await (io.openStore ?? (async () => (await import('../store/open.js')).openStore(io.config, { clock })))();
  if (!opened.ok) {
    io.err(opened.error.message);
    return 1;
  }
  const store = opened.value;
  try {
    if (command === 'list') return await list(store, opts, io, clock);
    if (command === 'add') return await add(store, opts, target?.value as NudgeTarget, io);
    return await change(store, command as 'pause' | 'resume' | 'remove', opts, target?.value ?? null, io, clock);
  } finally {
    await store.close();
  }
}

/** The focus words the knowledge base's stretch routines can serve (loaded only for `add --focus`). */
async function focusChoicesOf(config: Config): Promise<string[]> {
  const [{ loadKnowledge }, { defaultKnowledgeDir }, { isStretch }] = await Promise.all([
    import('../knowledge/load.js'), import('../knowledge/paths.js'), import('../knowledge/schema.js'),
  ]);
  const { kb } = loadKnowledge(config.KNOWLEDGE_DIR ?? defaultKnowledgeDir());
  return focusChoices(kb.entries.filter(isStretch).map((e) => ({ id: e.id, targets: e.targets, tags: e.tags })));
}

function preview(opts: NudgeOptions, io: NudgesIo, clock: Clock): number {
  const from = opts.from ?? clock.now();
  const slots = nextSlots(opts.schedule, from, opts.count);
  if (opts.json) {
    io.out(JSON.stringify(slots.map((s) => s.toISOString())));
    return 0;
  }
  const tz = opts.schedule.tz;
  io.out(`Next ${slots.length} slot${slots.length === 1 ? '' : 's'} after ${from.toISOString()} for: ${describeSchedule(opts.schedule)}`);
  if (slots.length === 0) io.out('  (none within a year: the cron never meets the working days and hours)');
  for (const s of slots) io.out(`  ${formatLocal(s, tz)} ${tz}   ${s.toISOString()}`);
  return 0;
}

/** The target named by --platform/--workspace/--channel (the terminal chat by default); null with --id. */
function targetOf(opts: NudgeOptions): Result<NudgeTarget | null, string> {
  if (opts.id) {
    if (opts.platform || opts.workspace || opts.channel) return { ok: false, error: '--id: expected either --id or --platform/--workspace/--channel, not both' };
    return { ok: true, value: null };
  }
  const platform = opts.platform ?? 'cli';
  if (platform === 'cli') {
    return { ok: true, value: { platform, workspace: opts.workspace ?? TERMINAL_TARGET.workspace, channel: opts.channel ?? TERMINAL_TARGET.channel } };
  }
  if (!opts.workspace) return { ok: false, error: `--workspace: expected a workspace id with --platform ${platform}` };
  if (!opts.channel) return { ok: false, error: `--channel: expected a channel id with --platform ${platform}` };
  return { ok: true, value: { platform, workspace: opts.workspace, channel: opts.channel } };
}

const name = (t: NudgeTarget) => `${t.platform}/${t.workspace}/${t.channel}`;

function state(s: Subscription, now: Date): string {
  if (s.disabled) return `disabled since ${s.disabled.at.toISOString()}: ${s.disabled.code} (${s.disabled.message})`;
  if (s.pausedUntil && s.pausedUntil >= PAUSED_INDEFINITELY) return 'paused until resumed';
  if (s.pausedUntil && s.pausedUntil > now) return `paused until ${s.pausedUntil.toISOString()}`;
  return 'active';
}

function describe(s: Subscription, now: Date): string {
  const next = s.nextSlot ? `${formatLocal(s.nextSlot, s.tz)} ${s.tz}` : 'none';
  return `#${s.id} ${name(s)}  ${describeSchedule(s)}  [${state(s, now)}]  next: ${next}`;
}

const toJson = (s: Subscription) => ({
  id: s.id, platform: s.platform, workspace: s.workspace, channel: s.channel, cadence: s.cadence, tz: s.tz, days: s.days,
  startMinute: s.startMinute, endMinute: s.endMinute, focusTags: s.focusTags, pausedUntil: s.pausedUntil?.toISOString() ?? null,
  disabled: s.disabled ? { code: s.disabled.code, message: s.disabled.message, at: s.disabled.at.toISOString() } : null,
  nextSlot: s.nextSlot?.toISOString() ?? null,
});

async function list(store: Store, opts: NudgeOptions, io: NudgesIo, clock: Clock): Promise<number> {
  const subs = await store.listSubscriptions({ ...(opts.platform ? { platform: opts.platform } : {}), ...(opts.workspace ? { workspace: opts.workspace } : {}) });
  if (opts.json) io.out(JSON.stringify(subs.map(toJson)));
  else if (subs.length === 0) io.out('No nudge subscriptions. Add one with: backbuddy nudges add --every 90m');
  else for (const s of subs) io.out(describe(s, clock.now()));
  return 0;
}

async function add(store: Store, opts: NudgeOptions, target: NudgeTarget, io: NudgesIo): Promise<number> {
  const sub = await store.upsertSubscription({ ...target, ...opts.schedule, createdBy: opts.by ?? 'cli' });
  if (opts.json) io.out(JSON.stringify(toJson(sub)));
  else {
    io.out(`Nudges on for ${name(sub)}: ${describeSchedule(sub)}`);
    io.out(sub.nextSlot ? `Next: ${formatLocal(sub.nextSlot, sub.tz)} ${sub.tz} (${sub.nextSlot.toISOString()})` : 'Next: none within a year (check --cron against --days and --hours)');
  }
  return 0;
}

async function change(store: Store, command: 'pause' | 'resume' | 'remove', opts: NudgeOptions, target: NudgeTarget | null, io: NudgesIo, clock: Clock): Promise<number> {
  const resolved = target ?? (opts.id ? await store.getSubscriptionById(opts.id) : null);
  const missing = () => {
    io.err(`no nudge subscription ${opts.id ? `#${opts.id}` : `for ${name(target as NudgeTarget)}`}; see backbuddy nudges list`);
    return 1;
  };
  if (!resolved) return missing();
  const t: NudgeTarget = { platform: resolved.platform, workspace: resolved.workspace, channel: resolved.channel };
  if (command === 'remove') {
    if (!(await store.removeSubscription(t))) return missing();
    io.out(`Nudges removed for ${name(t)}`);
    return 0;
  }
  const until = opts.pauseFor !== null ? new Date(clock.now().getTime() + opts.pauseFor) : opts.until;
  const sub = command === 'pause' ? await store.pauseSubscription(t, until) : await store.resumeSubscription(t);
  if (!sub) return missing();
  io.out(describe(sub, clock.now()));
  return 0;
}
