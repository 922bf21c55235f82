// A `backbuddy start` child process in end-to-end tests: wait until it is ready, and stop it.
import type { ChildProcess } from 'node:child_process';

/**
 * Polls `url` (usually /readyz) until it answers 2xx. Sized for the slowest first start seen: a new
 * PGlite store loads the template made in globalSetup (about 2 s), but without one it runs initdb,
 * which took 28 s on a cold, busy 2-core machine. Fails at once if the process exits.
 */
export async function waitForReady(url: string, child: ChildProcess, stderr: () => string = () => '', timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backbuddy exited early with ${child.exitCode}: ${stderr()}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    if (Date.now() > until) throw new Error('backbuddy did not come up');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills the process (SIGKILL) if it is still running and waits for it to exit. */
export async function killStarted(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
