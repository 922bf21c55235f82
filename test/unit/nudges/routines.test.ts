import { describe, expect, it } from 'vitest';
import { AnswerReplySchema } from '../../../src/core/reply-schema.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { routineCatalogFromKnowledge } from '../../../src/nudges/routines.js';
import { pickRoutine } from '../../../src/nudges/rotation.js';

describe('routine catalog from knowledge/entries/stretch-*.md', () => {
  const { kb } = loadKnowledge();
  const catalog = routineCatalogFromKnowledge(kb);

  it('holds every stretch entry with its body areas, each rendering as a valid answer with steps, dose, caution and source', () => {
    expect(catalog.routines.length).toBeGreaterThanOrEqual(6);
    for (const r of catalog.routines) {
      expect(r.targets.length).toBeGreaterThan(0);
      const reply = AnswerReplySchema.parse(catalog.render(r.id));
      expect(reply.steps.length).toBeGreaterThan(1);
      expect(reply.cautions.length).toBeGreaterThan(0);
      expect(reply.sources.length).toBeGreaterThan(0);
      expect(reply.durationS).toBeGreaterThan(0);
      expect(reply.dose).toMatch(/^Dose: /);
    }
    expect(catalog.render('no-such-entry')).toBeNull();
  });

  it('rotates over the real routines without a repeat within 5 posts', () => {
    const posted: string[] = [];
    for (let i = 0; i < 40; i++) posted.push(pickRoutine(catalog.routines, [...posted].reverse())!.id);
    for (let i = 0; i < posted.length; i++) expect(posted.slice(Math.max(0, i - 5), i)).not.toContain(posted[i]);
  });
});
