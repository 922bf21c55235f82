// How big V8 lets the young generation of the server's JavaScript heap grow, set at run time because
// `npm start`, the container and the systemd unit all run plain `node bin/backbuddy.js start`. Called by
// bin/backbuddy.js for `start` before the CLI is loaded (loading it alone took the young generation to
// V8's limit within 0.3 s); it imports only node's own modules.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * The largest semi-space (the young generation is two), in MB. V8's own limit is 16 MB, and a busy
 * server reaches it: each answer allocates about 185 KB that mostly dies young, while up to 200 are in
 * flight. Under npm run load the young generation then held 34 MB of the process's memory for nothing;
 * at 4 MB it holds 8, and the peak RSS with it was about 35 MB lower, CPU per answer within the noise.
 */
export const SEMI_SPACE_MB = 4;

/**
 * `--max-semi-space-size` only counts when node starts with it; at run time V8 still reads
 * `--semi-space-growth-factor` each time it would grow the young generation (after a scavenge that saw
 * enough survive). So after each garbage collection the factor is set to V8's 2 while doubling the young
 * generation keeps it within the cap, else to 1 (no growth); V8 shrinks it when allocation is slow, and
 * it grows back. The look runs from the event loop after collections, so a long synchronous stretch could
 * still double it more than once; start-up and requests yield often enough. A `--max-semi-space-size`
 * given to node wins.
 * Returns a function that stops it.
 */
export function capYoungGeneration(semiSpaceMb = SEMI_SPACE_MB): () => void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => /^--max[-_]semi[-_]space[-_]size/.test(a));
  if (given) return () => {};
  const cap = semiSpaceMb * 2 * 1024 * 1024;
  let factor = 2;
  const look = () => {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    // Growing doubles it: allowed only while the double stays within the cap.
    const want = young * 2 <= cap * 1.01 ? 2 : 1;
    if (want !== factor) setFlagsFromString(`--semi-space-growth-factor=${(factor = want)}`);
  };
  look();
  const observer = new PerformanceObserver(look);
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
