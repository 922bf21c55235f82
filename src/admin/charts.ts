// Bar charts as inline SVG, drawn on the server: no script, no fonts or files of their own. Colours
// come from the page's CSS classes (bar, axis, grid, label, value), so they follow light and dark
// mode; every number is also written on its bar, and the chart's title and description are read out
// by screen readers.
import { html, type Html } from './html.js';

/** A round axis top at or above `max`: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export type ColumnChart = {
  /** Unique on the page (ids of the title and description). */
  id: string;
  title: string;
  /** Read by screen readers: what the bars count. */
  description: string;
  labels: readonly string[];
  values: readonly number[];
};

/** Vertical bars, one per label (weeks, oldest first). */
export function columnChart(c: ColumnChart): Html {
  const n = Math.max(1, c.values.length);
  const left = 40;
  const right = 8;
  const top = 22;
  const bottom = 34;
  const slot = 36;
  const width = left + right + slot * n;
  const height = 190;
  const plot = height - top - bottom;
  const max = niceMax(Math.max(0, ...c.values));
  const y = (v: number) => top + plot - (v / max) * plot;
  const every = Math.max(1, Math.ceil(n / 7));
  const grid = [0, max / 2, max].map((v) => html`<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="axis" x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${num(v)}</text>`);
  const bars = c.values.map((v, i) => {
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const label = c.labels[i] ?? '';
    return html`<g><title>${label}: ${v}</title><rect class="bar" x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${w.toFixed(1)}" height="${(top + plot - y(v)).toFixed(1)}" rx="2"/><text class="value" x="${(x + w / 2).toFixed(1)}" y="${(y(v) - 5).toFixed(1)}" text-anchor="middle">${v}</text>${i % every === 0 ? html`<text class="label" x="${(x + w / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${label}</text>` : ''}</g>`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${c.id}-t ${c.id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${c.id}-t">${c.title}</title><desc id="${c.id}-d">${c.description}</desc>${grid}${bars}</svg><figcaption>${c.title}</figcaption></figure>`;
}

export type BarChart = { id: string; title: string; description: string; rows: ReadonlyArray<readonly [string, number]> };

/** Horizontal bars, one row per label, largest first as given (tags). */
export function barChart(c: BarChart): Html {
  const labelWidth = 150;
  const barSpace = 300;
  const row = 24;
  const top = 6;
  const width = labelWidth + barSpace + 48;
  const height = top * 2 + row * Math.max(1, c.rows.length);
  const max = Math.max(1, ...c.rows.map(([, v]) => v));
  const rows = c.rows.map(([label, v], i) => {
    const y = top + i * row;
    const w = (v / max) * barSpace;
    return html`<g><title>${label}: ${v}</title><text class="label" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${label}</text><rect class="bar" x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 8}" rx="2"/><text class="value" x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${v}</text></g>`;
  });
  const empty = c.rows.length === 0 ? html`<text class="axis" x="${labelWidth}" y="${top + 16}">none</text>` : '';
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${c.id}-t ${c.id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${c.id}-t">${c.title}</title><desc id="${c.id}-d">${c.description}</desc>${rows}${empty}</svg><figcaption>${c.title}</figcaption></figure>`;
}
