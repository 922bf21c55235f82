import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BodyArea } from '../../../src/knowledge/schema.js';
import { focusPool, pickRoutine, type RoutineInfo } from '../../../src/nudges/rotation.js';

const r = (id: string, targets: BodyArea[], tags: string[] = []): RoutineInfo => ({ id, targets, tags });
const POOL = [
  r('hip-flexor-lunge', ['hips'], ['hip-flexors']),
  r('seated-figure-four', ['hips', 'glutes'], ['desk']),
  r('hamstring-reach', ['hamstrings']),
  r('cat-cow', ['lower-back', 'upper-back'], ['mobility']),
  r('chin-tucks', ['neck'], ['desk', 'posture']),
  r('doorway-chest', ['upper-back'], ['posture']),
  r('dead-bug', ['core']),
  r('standing-reset', ['whole-body'], ['desk']),
];

/** Runs the rotation `n` times, as the engine does, and returns the picks in order. */
function run(pool: RoutineInfo[], n: number, focus: string[] = []): string[] {
  const posted: string[] = [];
  for (let i = 0; i < n; i++) {
    const pick = pickRoutine(pool, [...posted].reverse(), focus);
    if (!pick) throw new Error('no pick');
    posted.push(pick.id);
  }
  return posted;
}

describe('pickRoutine', () => {
  it('never repeats a routine within the last 5 posts of the channel', () => {
    const picks = run(POOL, 60);
    for (let i = 0; i < picks.length; i++) expect(picks.slice(Math.max(0, i - 5), i)).not.toContain(picks[i]);
  });

  it('balances body areas: over 80 posts every area comes up, none more than 1.5 times as often as another', () => {
    const areas = new Map<string, number>();
    for (const id of run(POOL, 80)) for (const a of POOL.find((x) => x.id === id)?.targets ?? []) areas.set(a, (areas.get(a) ?? 0) + 1);
    expect(areas.size).toBe(8);
    const values = [...areas.values()];
    expect(Math.max(...values)).toBeLessThanOrEqual(1.5 * Math.min(...values));
  });

  it('prefers a routine for an area not worked recently', () => {
    const recent = ['hip-flexor-lunge', 'seated-figure-four', 'hamstring-reach'];
    const pick = pickRoutine(POOL, recent);
    expect(pick?.targets).not.toContain('hips');
    expect(pick?.targets).not.toContain('hamstrings');
  });

  it('narrows the pool to focus tags (matching tags or body areas)', () => {
    expect(focusPool(POOL, ['desk']).map((x) => x.id)).toEqual(['seated-figure-four', 'chin-tucks', 'standing-reset']);
    expect(focusPool(POOL, ['neck']).map((x) => x.id)).toEqual(['chin-tucks']);
    expect(new Set(run(POOL, 12, ['desk']))).toEqual(new Set(['seated-figure-four', 'chin-tucks', 'standing-reset']));
  });

  it('falls back to the whole pool when the focus matches nothing', () => {
    expect(focusPool(POOL, ['knees'])).toHaveLength(POOL.length);
  });

  it('with a pool smaller than the window, repeats the one posted longest ago', () => {
    expect(run(POOL.slice(0, 3), 7)).toEqual(['hamstring-reach', 'hip-flexor-lunge', 'seated-figure-four', 'hamstring-reach', 'hip-flexor-lunge', 'seated-figure-four', 'hamstring-reach']);
  });

  it('can leave out the routine on screen ("Another one")', () => {
    expect(pickRoutine(POOL.slice(0, 1), [], [], ['hip-flexor-lunge'])).toBeNull();
    expect(pickRoutine(POOL.slice(0, 2), [], [], ['hip-flexor-lunge'])?.id).toBe('seated-figure-four');
  });

  it('returns null for an empty pool', () => {
    expect(pickRoutine([], [])).toBeNull();
  });

  it('property: with 6 or more routines, no repeat within 5 posts, for any pool and history', () => {
    const area = fc.constantFrom<BodyArea>('hips', 'glutes', 'hamstrings', 'core', 'upper-back', 'neck', 'lower-back', 'whole-body');
    const pool = fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-z]{1,6}$/), targets: fc.uniqueArray(area, { minLength: 1, maxLength: 3 }), tags: fc.constant([]) }), {
      minLength: 6, maxLength: 12, selector: (x) => x.id,
    });
    fc.assert(
      fc.property(pool, fc.integer({ min: 1, max: 30 }), (p, n) => {
        const picks = run(p, n);
        for (let i = 0; i < picks.length; i++) expect(picks.slice(Math.max(0, i - 5), i)).not.toContain(picks[i]);
      }),
      { numRuns: 100 },
    );
  });
});
