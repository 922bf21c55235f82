import type { BodyArea } from '../knowledge/schema.js';

/** What rotation needs to know about a stretch routine. */
export type RoutineInfo = { id: string; targets: readonly BodyArea[]; tags: readonly string[] };

/** Nothing repeats within this many posts of a channel (when the pool is big enough). */
export const NO_REPEAT_WINDOW = 5;
/** How many past posts count towards the body-area balance. */
export const BALANCE_WINDOW = 20;

/** The pool a subscription draws from: routines matching any focus tag (by tag or body area), else all. */
export function focusPool(pool: readonly RoutineInfo[], focusTags: readonly string[]): RoutineInfo[] {
  if (focusTags.length === 0) return [...pool];
  const focus = new Set(focusTags);
  const narrowed = pool.filter((r) => r.tags.some((t) => focus.has(t)) || r.targets.some((a) => focus.has(a)));
  // A focus that matches nothing (a tag with no stretch yet) should not silence the channel.
  return narrowed.length > 0 ? narrowed : [...pool];
}

/**
 * Picks the next routine for a channel. `recent` holds the channel's last posted entry ids, most
 * recent first. Routines seen in the last 5 posts are left out (unless that leaves nothing; then the
 * least recently posted wins). Among the rest, the one whose body areas appeared least in the last 20
 * posts wins, then the one posted longest ago, then by id, so the choice is deterministic.
 */
export function pickRoutine(
  pool: readonly RoutineInfo[],
  recent: readonly string[],
  focusTags: readonly string[] = [],
  exclude: readonly string[] = [],
): RoutineInfo | null {
  const candidates = focusPool(pool, focusTags).filter((r) => !exclude.includes(r.id));
  if (candidates.length === 0) return null;

  const lastSeen = (id: string) => {
    const i = recent.indexOf(id);
    return i < 0 ? Infinity : i;
  };
  const blocked = new Set(recent.slice(0, NO_REPEAT_WINDOW));
  const fresh = candidates.filter((r) => !blocked.has(r.id));
  if (fresh.length === 0) {
    return [...candidates].sort((a, b) => lastSeen(b.id) - lastSeen(a.id) || a.id.localeCompare(b.id))[0] ?? null;
  }

  const byId = new Map(pool.map((r) => [r.id, r]));
  const areaCount = new Map<BodyArea, number>();
  for (const id of recent.slice(0, BALANCE_WINDOW)) {
    for (const area of byId.get(id)?.targets ?? []) areaCount.set(area, (areaCount.get(area) ?? 0) + 1);
  }
  const load = (r: RoutineInfo) => r.targets.reduce((sum, a) => sum + (areaCount.get(a) ?? 0), 0) / Math.max(1, r.targets.length);

  return [...fresh].sort((a, b) => load(a) - load(b) || lastSeen(b.id) - lastSeen(a.id) || a.id.localeCompare(b.id))[0] ?? null;
}
