import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { checkDistinct, checkKnowledge, readingGrade } from '../../../src/knowledge/check.js';
import { formatProblem } from '../../../src/knowledge/problems.js';
import { defaultKnowledgeDir } from '../../../src/knowledge/paths.js';

const TODAY = new Date('2026-11-30T00:00:00Z');

const source = `sources:
  - title: Back pain
    publisher: NHS
    url: https://www.nhs.uk/conditions/back-pain/
    year: 2024`;

const entry = (id: string, over: Record<string, string> = {}) => `---
id: ${over.id ?? id}
title: ${over.title ?? `Title of ${id}`}
kind: ${over.kind ?? 'faq'}
tags: ${over.tags ?? '[sitting]'}
questions:
${over.questions ?? `  - first way to ask about ${id}\n  - second way to ask about ${id}\n  - third way to ask about ${id}`}
summary: ${over.summary ?? 'Short and plain. Move often. It helps many people feel less stiff.'}
${over.sources ?? source}
reviewed: ${over.reviewed ?? '2026-11-01'}
related: ${over.related ?? '[]'}
---
${over.body ?? 'Body text.'}
`;

function kbWith(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  mkdirSync(join(dir, 'entries'));
  writeFileSync(join(dir, 'tags.yaml'), 'groups:\n  body:\n    sitting: Sitting.\n    posture: Posture.\n');
  writeFileSync(join(dir, 'synonyms.yaml'), 'groups:\n  - [physiotherapist, physio]\n');
  copyFileSync(join(defaultKnowledgeDir(), 'safety.yaml'), join(dir, 'safety.yaml'));
  copyFileSync(join(defaultKnowledgeDir(), 'sources.yaml'), join(dir, 'sources.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'entries', name), text);
  const { kb, problems } = loadKnowledge(dir);
  return [...problems, ...checkKnowledge(kb, TODAY, { distinct: false })].map((p) => ({ ...p, file: p.file.replace(/^.*\/entries\//, 'entries/') }));
}

describe('kb check', () => {
  it('passes a well-formed entry', () => {
    const problems = kbWith({ 'a.md': entry('a', { tags: '[sitting, posture]' }), 'b.md': entry('b', { tags: '[sitting, posture]' }), 'c.md': entry('c', { tags: '[sitting, posture]' }) });
    expect(problems).toEqual([]);
  });

  it('names the file, the field and the problem', () => {
    const problems = kbWith({ 'a.md': entry('a', { tags: '[sitting, hamstring]' }) });
    expect(problems.map(formatProblem)).toContain('entries/a.md: tags[1]: unknown tag "hamstring" (see knowledge/tags.yaml)');
  });

  it.each([
    ['a misspelt key', entry('a').replace('summary:', 'sumary:'), 'schema'],
    ['an id that is not the file name', entry('other'), 'id_mismatch'],
    ['a dangling related id', entry('a', { related: '[nowhere]' }), 'dangling_related'],
    ['a missing source', entry('a', { sources: 'sources: []' }), 'schema'],
    ['a stale review date', entry('a', { reviewed: '2024-10-01' }), 'stale_review'],
    ['a promised cure', entry('a', { summary: 'This stretch cures back pain for most people.' }), 'promises_cure'],
    ['a product recommendation', entry('a', { body: 'We recommend buying the Acme belt.' }), 'endorses_product'],
    ['a word split after its hyphen (a folded YAML line)', entry('a', { summary: 'Over-the-counter anti- inflammatory tablets may help some people for a short time.' }), 'broken_word'],
    ['hard reading', entry('a', { summary: 'Notwithstanding considerable methodological heterogeneity, contemporaneous multidisciplinary investigations demonstrate inconsistent physiological associations.' }), 'readability'],
    ['a body too long for a Slack section', entry('a', { body: 'word '.repeat(700) }), 'too_long'],
    ['broken frontmatter', 'no frontmatter here', 'frontmatter'],
  ])('fails on %s', (_name, text, code) => {
    const problems = kbWith({ 'a.md': text });
    expect(problems.map((p) => p.code)).toContain(code);
  });

  describe('stretch routines', () => {
    const dose = '  hold_s: [20, 30]\n  reps: 2\n  each_side: true\n  per_day: a few times a day';
    const stretch = (o: { dose?: string | null; seated?: string; desk?: string; step?: string } = {}) =>
      entry('a', { kind: 'stretch' }).replace(
        'reviewed:',
        [
          'duration_s: 90',
          'targets: [hips]',
          'steps:',
          '  - Stand beside your desk and rest one hand on it.',
          `  - ${o.step ?? 'Hold for 20 to 30 seconds, then swap sides. Do each side 2 times.'}`,
          'cautions:',
          '  - Stop if you feel sharp pain.',
          `desk_friendly: ${o.desk ?? 'true'}`,
          `seated: ${o.seated ?? 'false'}`,
          ...(o.dose === null ? [] : ['dose:', o.dose ?? dose]),
          'reviewed:',
        ].join('\n'),
      );

    it('passes a routine whose dose restates its steps', () => {
      expect(kbWith({ 'a.md': stretch() }).filter((p) => p.code !== 'underused_tag')).toEqual([]);
    });

    it('fails on a routine without a dose', () => {
      expect(kbWith({ 'a.md': stretch({ dose: null }) }).map(formatProblem)).toContain('entries/a.md: dose: Invalid input: expected object, received undefined');
    });

    it('fails on a dose that says neither how long nor how many', () => {
      expect(kbWith({ 'a.md': stretch({ dose: '  per_day: a few times a day' }) }).map((p) => `${p.path}: ${p.code}`)).toContain('dose: schema');
    });

    it('fails on a dose the steps do not say', () => {
      const problems = kbWith({ 'a.md': stretch({ step: 'Hold for 10 seconds, then swap sides. Do each side 2 times.' }) });
      expect(problems.map(formatProblem)).toContain('entries/a.md: dose.hold_s: dose says 20 to 30, but no step says so: the dose restates the steps, so make them agree');
    });

    it('fails on a seated routine that is not desk-friendly', () => {
      expect(kbWith({ 'a.md': stretch({ seated: 'true', desk: 'false' }) }).map((p) => p.code)).toContain('seated_not_desk');
    });
  });

  it('fails on the same question in two entries', () => {
    const q = '  - why does sitting hurt\n  - second one here\n  - third one here';
    const problems = kbWith({ 'a.md': entry('a', { questions: q }), 'b.md': entry('b', { questions: q }) });
    expect(problems.map(formatProblem)).toContain('entries/b.md: questions[0]: "why does sitting hurt" is also a question of a');
  });

  it('fails when a tag has fewer than three entries', () => {
    const problems = kbWith({ 'a.md': entry('a') });
    expect(problems.map(formatProblem)).toContain('knowledge/tags.yaml: posture: tag "posture" is used by 0 entries; every tag needs at least 3');
  });

  it('fails when two entries answer each other\'s questions (retrieval cannot tell them apart)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    mkdirSync(join(dir, 'entries'));
    writeFileSync(join(dir, 'tags.yaml'), 'groups:\n  body:\n    sitting: Sitting.\n');
    writeFileSync(join(dir, 'synonyms.yaml'), 'groups: []\n');
    const twin = (id: string, qs: string) => entry(id, { title: 'Sitting at a desk all day', summary: 'Sitting at a desk all day can leave you stiff. Move often.', body: 'Sitting at a desk all day.', questions: qs });
    writeFileSync(join(dir, 'entries', 'a.md'), twin('a', '  - is sitting at a desk bad\n  - desk sitting all day\n  - sitting all day stiff'));
    writeFileSync(join(dir, 'entries', 'b.md'), twin('b', '  - sitting at my desk all day\n  - stiff from desk sitting\n  - all day at a desk sitting'));
    writeFileSync(join(dir, 'entries', 'c.md'), entry('c', { title: 'Heat packs', summary: 'Heat can ease pain for a short time.', body: 'Heat.', questions: '  - heat pack or not\n  - is heat good\n  - warm pack for pain' }));
    const problems = checkDistinct(loadKnowledge(dir).kb);
    expect(problems.map((p) => p.code)).toEqual(['indistinct']);
    expect(problems[0]?.message).toMatch(/merge them or sharpen their wording/);
  });

  it('allows a hanging hyphen ("low- to moderate-certainty evidence")', () => {
    expect(kbWith({ 'a.md': entry('a', { body: 'Yoga gave small gains (low- to moderate-certainty evidence), in short- and long-term follow-up.' }) }).map((p) => p.code)).not.toContain('broken_word');
  });

  it('allows "there is no cure" but not "cures"', () => {
    expect(kbWith({ 'a.md': entry('a', { body: 'There is no cure-all, and no single exercise is best.' }) }).map((p) => p.code)).not.toContain('promises_cure');
  });

  it('grades plain summaries low and dense ones high', () => {
    expect(readingGrade('Move a little every hour. It helps.')).toBeLessThan(5);
    expect(readingGrade('Contemporaneous multidisciplinary investigations demonstrate physiological heterogeneity.')).toBeGreaterThan(12);
  });

  it('is green on the real knowledge base', () => {
    const { kb, problems } = loadKnowledge();
    expect([...problems, ...checkKnowledge(kb, TODAY)].map(formatProblem)).toEqual([]);
    expect(kb.entries.length).toBeGreaterThanOrEqual(100);
  });
});
