/** Transient post failures are retried this many times in all (the first try included). */
export const MAX_TRIES = 3;
const BASE_MS = 1_000;
const CAP_MS = 8_000;

/**
 * Wait before try number `nextTry` (2, 3, …): exponential (1 s, 2 s, 4 s…) with "equal jitter" (half
 * fixed, half random), so replicas that failed together do not retry together. Pure: `random` is injected.
 */
export function backoffMs(nextTry: number, random: () => number): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, nextTry - 2));
  return Math.round(exp / 2 + random() * (exp / 2));
}
