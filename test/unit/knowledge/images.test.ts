import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImages, checkSvg } from '../../../src/knowledge/images.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { defaultKnowledgeDir } from '../../../src/knowledge/paths.js';
import { drawRoutines } from '../../../scripts/draw-routines.js';

const GOOD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><rect x="0" y="0" width="400" height="300" rx="28" fill="#5C7388"/><g><circle cx="1" cy="2" r="3"/></g></svg>\n';
const svg = (inner: string, attrs = 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"') => `<svg ${attrs}>${inner}</svg>`;

describe('checkSvg: an illustration is plain shapes and nothing else', () => {
  it('accepts shapes, groups, an XML declaration and comments', () => {
    expect(checkSvg(GOOD)).toEqual([]);
    expect(checkSvg(`<?xml version="1.0" encoding="UTF-8"?>\n<!-- a figure -->\n${GOOD}`)).toEqual([]);
  });

  it.each([
    ['a script', svg('<script>alert(1)</script>'), /<script> is not allowed/],
    ['embedded HTML', svg('<foreignObject width="9" height="9"></foreignObject>'), /<foreignObject> is not allowed/],
    ['a text element', svg('<text x="1" y="2">Stretch</text>'), /<text> is text/],
    ['a title', svg('<title>Bird-dog</title>'), /<title> is text/],
    ['an external image', svg('<image href="https://example.com/a.png" width="9" height="9"/>'), /<image> is not allowed/],
    ['a link to elsewhere', svg('<use href="other.svg#a"/>'), /refers to something else/],
    ['paint from another file', svg('<rect width="9" height="9" fill="url(https://example.com/p.svg#g)"/>'), /refers outside the file/],
    ['an event handler', svg('<rect width="9" height="9" onclick="x()"/>'), /event handler/],
    ['a style attribute', svg('<rect width="9" height="9" style="fill:red"/>'), /style attribute/],
    ['a DOCTYPE with entities', `<!DOCTYPE svg [<!ENTITY x "y">]>${GOOD}`, /DOCTYPE/],
    ['text between elements', svg('<g>hello</g>'), /text outside the elements/],
    ['a tag left open', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><g>', /<g> is never closed/],
    ['tags crossed', svg('<g><rect></g></rect>'), /<\/g> closes <rect>/],
    ['an unquoted attribute', svg('<rect width=9/>'), /not well-formed/],
    ['a repeated attribute', svg('<rect width="1" width="2"/>'), /twice/],
    ['no viewBox', svg('<rect/>', 'xmlns="http://www.w3.org/2000/svg"'), /viewBox/],
    ['no SVG namespace', svg('<rect/>', 'viewBox="0 0 1 1"'), /xmlns/],
    ['another root', '<html></html>', /root element is <html>/],
    ['two roots', `${GOOD}${GOOD}`, /more than one root/],
    ['an empty file', '', /no <svg> element/],
    ['not XML at all', 'PNG\u0000\u0001', /text outside the elements/],
  ])('refuses %s', (_name, text, message) => {
    const problems = checkSvg(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
  });
});

describe('the routine illustrations', () => {
  const { kb } = loadKnowledge();
  const stretches = kb.entries.filter((e) => e.kind === 'stretch').map((e) => e.id).sort();
  const dir = join(defaultKnowledgeDir(), 'images');

  it('every stretch routine has one, drawn by scripts/draw-routines.ts, and the committed files are what it draws', () => {
    const drawn = drawRoutines();
    expect([...drawn.keys()].sort()).toEqual(stretches);
    expect(readdirSync(dir).filter((f) => f.endsWith('.svg')).sort()).toEqual(stretches.map((id) => `${id}.svg`));
    for (const [id, text] of drawn) expect(readFileSync(join(dir, `${id}.svg`), 'utf8'), `${id}: run npm run draw:routines`).toBe(text);
  });

  it('each passes checkSvg and kb check reports no image problems', () => {
    for (const id of stretches) expect(checkSvg(readFileSync(join(dir, `${id}.svg`), 'utf8')), id).toEqual([]);
    expect(checkImages(kb)).toEqual([]);
  });

  describe('kb check on a copy of the knowledge base', () => {
    const copy = mkdtempSync(join(tmpdir(), 'backbuddy-kb-images-'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(defaultKnowledgeDir(), copy, { recursive: true });

    it('fails a stretch without an illustration, and one whose file is not a valid SVG', () => {
      rmSync(join(copy, 'images', 'stretch-bird-dog.svg'));
      writeFileSync(join(copy, 'images', 'stretch-dead-bug.svg'), svg('<script src="https://example.com/x.js"/><text x="1"/>'));
      const problems = checkImages(loadKnowledge(copy).kb);
      expect(problems.map((p) => [p.file.endsWith('stretch-bird-dog.svg'), p.code])).toContainEqual([true, 'missing_image']);
      expect(problems.filter((p) => p.code === 'invalid_image').map((p) => p.message)).toEqual([
        'not a valid illustration: <script> is not allowed in an illustration (only shapes, groups and gradients)',
        'not a valid illustration: <text> is text; an illustration holds no text (the steps say it, and the alt text is the first step)',
      ]);
    });
  });
});
