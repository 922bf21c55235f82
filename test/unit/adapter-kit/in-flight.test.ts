import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../../src/adapter-kit/in-flight.js';

describe('work in flight', () => {
  it('is idle at once when nothing runs', async () => expect(await createInFlight().idle(0)).toBe(true));

  it('waits for work taken before the wait, and passes results and errors through', async () => {
    const work = createInFlight();
    let finish!: (v: string) => void;
    const a = work.run(() => new Promise<string>((r) => (finish = r)));
    const b = work.run(async () => {
      throw new Error('boom');
    }).catch((e: Error) => e.message);
    expect(work.count()).toBe(2);
    const idle = work.idle(60_000);
    expect(await b).toBe('boom');
    finish('done');
    expect(await a).toBe('done');
    expect(await idle).toBe(true);
    expect(work.count()).toBe(0);
  });

  it('gives up after the timeout with work still running', async () => {
    const work = createInFlight();
    void work.run(() => new Promise(() => {}));
    expect(await work.idle(1)).toBe(false);
    expect(work.count()).toBe(1);
  });
});
