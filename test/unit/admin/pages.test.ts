// The admin page's pure parts: escaping, the charts, the review dates of the library and the UTC weeks
// of the activity page.
import { describe, expect, it } from 'vitest';
import { barChart, columnChart, niceMax } from '../../../src/admin/charts.js';
import { escapeHtml, html, trusted } from '../../../src/admin/html.js';
import { CONTENT_SECURITY_POLICY, gapsPage, signInPage } from '../../../src/admin/pages.js';
import { addMonths, libraryByTag } from '../../../src/knowledge/library.js';
import { mondayOf, weeklyActivity } from '../../../src/review/activity.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { fixedClock } from '../../../src/common/clock.js';
import { adminKnowledge } from '../../fixtures/admin-seed.js';

describe('admin HTML', () => {
  it('escapes every interpolated value unless it is already HTML', () => {
    const evil = `<img src=x onerror="alert('1')">&`;
    expect(escapeHtml(evil)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(`<p title="${escapeHtml(evil)}">${escapeHtml(evil)}</p>`);
    expect(html`<ul>${['<a>', html`<li>ok</li>`, null, false, undefined, 3]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li>3</ul>');
    expect(html`${trusted('<b>fixed</b>')}`.value).toBe('<b>fixed</b>');
  });

  it('allows its own stylesheet by hash and no script at all', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src|unsafe-inline/);
    expect(signInPage({ token: true, slack: true })).not.toMatch(/<script|style="/);
  });

  it('escapes question text and entry titles on the gaps page', () => {
    const page = gapsPage({
      since: new Date('2026-10-26T10:00:00Z'), questions: 1, votesShown: true,
      unanswered: [{ text: '<script>alert(1)</script>', count: 1, variants: ['"><b>'], lastAt: new Date('2026-11-20T09:00:00Z') }],
      notHelpful: [{ entryId: 'heat-or-ice', title: 'Heat & <ice>', helpful: 0, notHelpful: 2 }],
    }, { kind: 'all' });
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;b&gt;');
    expect(page).toContain('Heat &amp; &lt;ice&gt;');
    expect(page).not.toContain('<script>');
  });
});

describe('admin charts', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 52, 99, 101, 4_900].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 100, 100, 200, 5_000]);
  });

  it('draws one bar per week with its number on it, and a title and description for screen readers', () => {
    const svg = columnChart({ id: 'sent', title: 'Nudges <sent>', description: 'per week', labels: ['7 Sep', '14 Sep', '21 Sep'], values: [4, 0, 10] }).value;
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(svg).toContain('<title id="sent-t">Nudges &lt;sent&gt;</title>');
    expect(svg).toContain('aria-labelledby="sent-t sent-d"');
    expect(svg).toContain('<title>21 Sep: 10</title>');
    // The tallest bar reaches the top of the axis (10), the empty one has no height.
    expect(svg).toMatch(/<title>14 Sep: 0<\/title><rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="0.0"/);
    const bars = barChart({ id: 'tags', title: 'By tag', description: 'answers', rows: [['sitting', 8], ['posture', 2]] }).value;
    expect(bars.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(barChart({ id: 'e', title: 'none', description: '', rows: [] }).value).toContain('>none</text>');
  });
});

describe('the library by tag', () => {
  it('adds calendar months, keeping to the end of a shorter month', () => {
    expect(addMonths(new Date('2024-01-31T00:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(addMonths(new Date('2024-10-01T00:00:00Z'), 24).toISOString().slice(0, 10)).toBe('2026-10-01');
  });

  it('lists entries under each tag and says which are overdue or due within 60 days', () => {
    const { kb, cleanup } = adminKnowledge();
    try {
      const lib = libraryByTag(kb, new Date('2026-11-25T10:00:00Z'));
      expect(lib.entries).toBe(5);
      expect(lib.tags.map((t) => [t.tag, t.entries.map((e) => e.entry.id)])).toEqual([
        ['posture', ['posture-myths']],
        ['sitting', ['desk-breaks', 'gentle-walks', 'posture-myths']],
        ['stretching', ['gentle-walks', 'hamstring-basics']],
        ['heat-cold', ['heat-or-ice']],
      ]);
      expect(lib.due.map((l) => [l.entry.id, l.review, l.reviewDue.toISOString().slice(0, 10)])).toEqual([
        ['posture-myths', 'overdue', '2026-10-01'],
        ['desk-breaks', 'due_soon', '2026-12-20'],
      ]);
      expect(libraryByTag(kb, new Date('2026-11-25T10:00:00Z'), 'heat-cold').tags.map((t) => t.tag)).toEqual(['heat-cold']);
    } finally {
      cleanup();
    }
  });
});

describe('activity per week', () => {
  it('starts weeks on the UTC Monday', () => {
    expect(new Date(mondayOf(new Date('2026-11-25T10:00:00Z'))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(mondayOf(new Date('2026-11-23T00:00:00Z'))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(mondayOf(new Date('2026-11-29T23:59:59Z'))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('sums channels per week, the current week ending today, and keeps a person\'s own Done clicks out', async () => {
    const store = new MemoryStore(fixedClock('2026-11-25T10:00:00Z'));
    await store.recordDone('slack', 'T1', 'C1', '2026-11-16');
    await store.recordDone('slack', 'T1', 'C2', '2026-11-22');
    await store.recordDone('slack', 'T1', 'C1', '2026-11-23');
    await store.recordDone('slack', 'T1', '@U1', '2026-11-23');
    await store.recordDone('discord', 'G1', 'C9', '2026-11-24');
    await store.recordQuestion({ platform: 'slack', workspace: 'T1', channel: 'C1', day: '2026-11-24', kind: 'answer', tags: ['sitting', 'posture'] });
    const weeks = await weeklyActivity(store, { now: new Date('2026-11-25T10:00:00Z'), weeks: 2 });
    expect(weeks.map((w) => [w.fromDay, w.toDay, w.totals.doneClicks, w.totals.questions])).toEqual([
      ['2026-11-16', '2026-11-22', 2, 0],
      ['2026-11-23', '2026-11-25', 2, 1],
    ]);
    expect(weeks[1]?.totals.byTag).toEqual({ posture: 1, sitting: 1 });
    const slackOnly = await weeklyActivity(store, { now: new Date('2026-11-25T10:00:00Z'), weeks: 1, workspace: { platform: 'slack', workspace: 'T1' } });
    expect(slackOnly[0]?.totals.doneClicks).toBe(1);
  });
});
