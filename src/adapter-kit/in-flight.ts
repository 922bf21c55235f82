// Answers and button presses in progress, across every adapter, so a shutdown can stop taking work and
// then wait for what was taken (a reply half-computed when the process exits is a question lost).

export type InFlight = {
  /** Runs one piece of work and counts it while it runs; its result or error passes through. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** How many are running now. */
  count(): number;
  /** Resolves true when none is running, or false after `timeoutMs` with some still running. */
  idle(timeoutMs: number): Promise<boolean>;
};

export function createInFlight(): InFlight {
  let running = 0;
  const waiters = new Set<() => void>();
  const settle = () => {
    if (--running > 0) return;
    for (const w of waiters) w();
    waiters.clear();
  };
  return {
    async run(work) {
      running++;
      try {
        return await work();
      } finally {
        settle();
      }
    },
    count: () => running,
    idle(timeoutMs) {
      if (running === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(done);
          resolve(false);
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.add(done);
      });
    },
  };
}
