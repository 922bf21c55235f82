// Routine illustrations: knowledge/images/<entry-id>.svg, one per stretch routine. They are drawn as
// code (scripts/draw-routines.ts) and must stay plain shapes: no scripts, nothing fetched from
// elsewhere, and no text (the steps say it in words, and the alt text is the first step).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { KnowledgeBase } from './load.js';
import type { KbProblem } from './problems.js';

export const IMAGES_DIR = 'images';
export const imagePath = (knowledgeDir: string, entryId: string) => join(knowledgeDir, IMAGES_DIR, `${entryId}.svg`);

/** Shapes, groups and paint; everything else (script, foreignObject, image, use, text, style, a, …) is refused. */
const ALLOWED = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'defs', 'linearGradient', 'radialGradient', 'stop', 'clipPath']);
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'textPath', 'title', 'desc']);
const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_BYTES = 200_000;
const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRS = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-fA-F]{1,6});)/;

/**
 * Checks that `text` is a well-formed SVG document made of allowed elements only. Returns what is wrong
 * ([] when it is fine). A small strict reader, not a general XML parser: it accepts what the drawing
 * script writes (and hand-written SVG of the same kind), and refuses anything it does not understand.
 */
export function checkSvg(text: string): string[] {
  if (text.length > MAX_BYTES) return [`is ${text.length} bytes; an illustration stays under ${MAX_BYTES}`];
  if (/<!DOCTYPE|<!ENTITY|<!\[CDATA\[|<\?xml-stylesheet/i.test(text)) return ['contains a DOCTYPE, entity, CDATA or stylesheet declaration'];
  const src = text.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?/, '').replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
  const stack: string[] = [];
  const problems: string[] = [];
  let i = 0;
  let roots = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const between = src.slice(i, lt === -1 ? src.length : lt);
    if (between.trim()) return [...problems, `has text outside the elements ("${between.trim().slice(0, 30)}"); an illustration holds no text`];
    if (lt === -1) break;
    i = lt + 1;
    const closing = src[i] === '/';
    if (closing) i++;
    NAME.lastIndex = i;
    const name = NAME.exec(src)?.[0];
    if (!name) return [...problems, `a tag at character ${lt} is not well-formed`];
    i += name.length;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return [...problems, `</${name}> closes ${open ? `<${open}>` : 'nothing'}`];
      const end = /\s*>/y;
      end.lastIndex = i;
      if (!end.exec(src)) return [...problems, `</${name}> is not well-formed`];
      i = end.lastIndex;
      continue;
    }
    const attrs = new Map<string, string>();
    for (;;) {
      ATTRS.lastIndex = i;
      const m = ATTRS.exec(src);
      if (!m) break;
      const key = m[1] ?? '';
      if (attrs.has(key)) return [...problems, `<${name}> has the attribute ${key} twice`];
      attrs.set(key, m[3] ?? m[4] ?? '');
      i = ATTRS.lastIndex;
    }
    const end = /\s*(\/?)>/y;
    end.lastIndex = i;
    const close = end.exec(src);
    if (!close) return [...problems, `<${name}> is not well-formed`];
    i = end.lastIndex;
    if (stack.length === 0) {
      roots++;
      if (name !== 'svg') return [...problems, `the root element is <${name}>, not <svg>`];
      if (attrs.get('xmlns') !== SVG_NS) problems.push(`<svg> needs xmlns="${SVG_NS}"`);
      if (!/^\s*-?[\d.]+[\s,]+-?[\d.]+[\s,]+[\d.]+[\s,]+[\d.]+\s*$/.test(attrs.get('viewBox') ?? '')) problems.push('<svg> needs a viewBox, so it scales to any width');
    }
    if (TEXT_ELEMENTS.has(name)) problems.push(`<${name}> is text; an illustration holds no text (the steps say it, and the alt text is the first step)`);
    else if (!ALLOWED.has(name)) problems.push(`<${name}> is not allowed in an illustration (only shapes, groups and gradients)`);
    for (const [key, value] of attrs) {
      if (/^on/i.test(key)) problems.push(`<${name}> has an event handler (${key})`);
      else if (/(^|:)href$/i.test(key)) problems.push(`<${name}> refers to something else (${key})`);
      else if (key === 'style') problems.push(`<${name}> has a style attribute; use presentation attributes (fill, stroke)`);
      else if (/url\(\s*(?!['"]?#)/i.test(value)) problems.push(`<${name}> ${key} refers outside the file`);
      else if (ENTITY.test(value)) problems.push(`<${name}> ${key} has an unknown entity`);
    }
    if (!close[1]) stack.push(name);
  }
  if (stack.length) problems.push(`<${stack[stack.length - 1]}> is never closed`);
  if (roots !== 1) problems.push(roots === 0 ? 'has no <svg> element' : 'has more than one root element');
  return problems;
}

/** Every stretch routine has a readable, valid illustration. */
export function checkImages(kb: KnowledgeBase): KbProblem[] {
  const problems: KbProblem[] = [];
  for (const e of kb.entries) {
    if (e.kind !== 'stretch') continue;
    const path = imagePath(kb.dir, e.id);
    const file = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      problems.push({ file, path: '', code: 'missing_image', message: `stretch routine ${e.id} has no illustration; draw one (npm run draw:routines, see knowledge/README.md)` });
      continue;
    }
    for (const message of checkSvg(text)) problems.push({ file, path: '', code: 'invalid_image', message: `not a valid illustration: ${message}` });
  }
  return problems;
}
