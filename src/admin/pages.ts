// The admin pages as HTML strings: one layout (header, nav, sign-out, footer), inline CSS for light and
// dark, no script. Every value from the store, the knowledge base or a request goes through `html`,
// which escapes it. The CSP allows exactly this stylesheet (by hash) and nothing else.
import { createHash } from 'node:crypto';
import type { Library, LibraryEntry } from '../knowledge/library.js';
import { MAX_REVIEW_AGE_MONTHS } from '../knowledge/check.js';
import type { Week } from '../review/activity.js';
import { barChart, columnChart } from './charts.js';
import { html, trusted, type Html } from './html.js';
import type { Scope } from './session.js';
import { GAP_DAYS, GAP_ROWS, NEXT_SLOTS, type GapsView, type SchedulesView } from './views.js';

const CSS = `
:root{color-scheme:light dark;--bg:#f7f7f5;--fg:#1d2327;--muted:#5b6670;--card:#fff;--border:#d9dde1;--accent:#2f6f9f;--accent-fg:#fff;--warn:#8a5a00;--warn-bg:#fff4d6;--bad:#a12a2a;--bad-bg:#fde8e8;--ok:#1f6b3a}
@media (prefers-color-scheme:dark){:root{--bg:#15191d;--fg:#e6e9ec;--muted:#9aa5b0;--card:#1e2429;--border:#333c44;--accent:#6fb0e0;--accent-fg:#0d1216;--warn:#f0c060;--warn-bg:#3a2f12;--bad:#f29b9b;--bad-bg:#3d1f1f;--ok:#7fd49b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.75rem 1.5rem;background:var(--card);border-bottom:1px solid var(--border)}
.brand{font-weight:700;font-size:1.05rem}.brand span{color:var(--muted);font-weight:400}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;flex:1}
nav a{text-decoration:none;padding:.25rem .1rem;border-bottom:2px solid transparent}
nav a[aria-current=page]{border-bottom-color:var(--accent);color:var(--fg);font-weight:600}
.who{color:var(--muted);font-size:.85rem}
form.inline{display:inline;margin:0}
button,.button{font:inherit;cursor:pointer;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);border-radius:6px;padding:.4rem .9rem;text-decoration:none;display:inline-block}
button.quiet{background:transparent;color:var(--accent)}
main{max-width:1100px;margin:0 auto;padding:1.25rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
p.lead{color:var(--muted);margin-top:0}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--border);border-radius:8px;overflow:hidden;margin:.5rem 0 1rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .7rem;border-bottom:1px solid var(--border)}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr:last-child td{border-bottom:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em}
.muted{color:var(--muted)}
.tag{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;border:1px solid var(--border);color:var(--muted)}
.state{display:inline-block;padding:.05rem .5rem;border-radius:4px;font-size:.8rem;font-weight:600}
.state.overdue,.state.stopped{background:var(--bad-bg);color:var(--bad)}
.state.due_soon,.state.paused{background:var(--warn-bg);color:var(--warn)}
.state.ok,.state.active{color:var(--ok)}
ul.sources{margin:0;padding-left:1.1rem}ul.sources li{margin:.1rem 0}
details{background:var(--card);border:1px solid var(--border);border-radius:8px;margin:.5rem 0;padding:.25rem 1rem}
details>summary{cursor:pointer;padding:.4rem 0;font-weight:600}
details>summary .muted{font-weight:400}
details table{border:0}
.tags{display:flex;flex-wrap:wrap;gap:.35rem;margin:.5rem 0 1rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:1rem}
.schedules{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:1rem;align-items:start}
.card h2{margin-top:0}
td.week{white-space:nowrap}
figure.chart{margin:0;background:var(--card);border:1px solid var(--border);border-radius:8px;padding:.75rem;overflow-x:auto}
figure.chart svg{max-width:100%;height:auto;display:block}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.25rem}
svg .bar{fill:var(--accent)}svg .grid{stroke:var(--border);stroke-width:1}
svg .axis,svg .label{fill:var(--muted);font-size:11px;font-family:system-ui,sans-serif}
svg .value{fill:var(--fg);font-size:11px;font-family:system-ui,sans-serif}
.notice{border-left:4px solid var(--warn);background:var(--warn-bg);color:var(--fg);padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
.error{border-left:4px solid var(--bad);background:var(--bad-bg);color:var(--fg);padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
.signin{max-width:420px;margin:3rem auto}
.signin label{display:block;font-weight:600;margin-bottom:.35rem}
.signin input{width:100%;font:inherit;padding:.5rem .6rem;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg);margin-bottom:.75rem}
.or{color:var(--muted);text-align:center;margin:1rem 0}
footer{max-width:1100px;margin:0 auto;padding:0 1.5rem 2rem;color:var(--muted);font-size:.85rem}
`;

/** The Content-Security-Policy of every admin page: this stylesheet, inline SVG, forms to itself, nothing else. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type Section = 'library' | 'nudges' | 'stats' | 'gaps';

export const SECTIONS: ReadonlyArray<{ id: Section; path: string; label: string }> = [
  { id: 'library', path: '/admin/library', label: 'Library' },
  { id: 'nudges', path: '/admin/nudges', label: 'Nudge schedules' },
  { id: 'stats', path: '/admin/stats', label: 'Activity' },
  { id: 'gaps', path: '/admin/gaps', label: 'Content gaps' },
];

const scopeLine = (scope: Scope) =>
  scope.kind === 'all' ? 'All workspaces' : `${scope.platform === 'slack' ? 'Slack workspace' : 'Discord server'} ${scope.workspace}`;

function document(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">
<title>${title} · backbuddy</title><style>${trusted(CSS)}</style></head>
<body>${body}</body></html>
`.value;
}

/** A signed-in page: header with the sections and sign-out, the section's content, the privacy line. */
export function page(section: Section, scope: Scope, title: string, content: Html): string {
  const nav = SECTIONS.map((s) => html`<a href="${s.path}"${s.id === section ? trusted(' aria-current="page"') : ''}>${s.label}</a>`);
  return document(title, html`<header><div class="brand">backbuddy <span>wellbeing</span></div><nav aria-label="Sections">${nav}</nav>
<span class="who">${scopeLine(scope)}</span><form class="inline" method="post" action="/admin/sign-out"><button class="quiet" type="submit">Sign out</button></form></header>
<main id="${section}">${content}</main>
<footer>Counts here are anonymous: no names, no one's own Done clicks, no one's own nudges. Question text is kept scrubbed, without who asked, for at most 30 days.</footer>`);
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "23 Nov" from a YYYY-MM-DD day. */
const short = (isoDay: string) => `${Number(isoDay.slice(8, 10))} ${MONTHS[Number(isoDay.slice(5, 7)) - 1] ?? ''}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const REVIEW_WORDS = { overdue: 'overdue', due_soon: 'due soon', ok: 'up to date' } as const;

function entryRow(l: LibraryEntry, withSources: boolean): Html {
  const e = l.entry;
  const sources = e.sources.map((s) => html`<li><a href="${s.url}" rel="noopener noreferrer">${s.title}</a>, ${s.publisher}, ${String(s.year)}</li>`);
  return html`<tr><td><strong>${e.title}</strong><br><code>${e.id}</code> <span class="tag">${e.kind}</span></td>
<td>${day(e.reviewed)}</td><td>${day(l.reviewDue)} <span class="state ${l.review}">${REVIEW_WORDS[l.review]}</span></td>${withSources ? html`<td><ul class="sources">${sources}</ul></td>` : ''}</tr>`;
}

export function libraryPage(lib: Library, scope: Scope, now: Date): string {
  const overdue = lib.due.filter((l) => l.review === 'overdue').length;
  const due = lib.due.length
    ? html`<table><thead><tr><th>Entry</th><th>Reviewed</th><th>Review by</th></tr></thead><tbody>${lib.due.map((l) => entryRow(l, false))}</tbody></table>`
    : html`<p class="card">Nothing is due for review in the next 60 days.</p>`;
  const tagIndex = lib.tags.map((t) => html`<a class="tag" href="#tag-${t.tag}">${t.tag} (${t.entries.length})</a>`);
  const tags = lib.tags.map((t) => html`<details id="tag-${t.tag}"><summary>${t.tag} <span class="muted">(${t.entries.length}) ${t.description}</span></summary>
${t.entries.length ? html`<table><thead><tr><th>Entry</th><th>Reviewed</th><th>Review by</th><th>Sources</th></tr></thead><tbody>${t.entries.map((l) => entryRow(l, true))}</tbody></table>` : html`<p class="muted">No entries.</p>`}</details>`);
  return page('library', scope, 'Library', html`<h1>Library</h1>
<p class="lead">${plural(lib.entries, 'entry', 'entries')} under ${plural(lib.tags.length, 'tag')}, as of ${day(now)}. An entry is due for review ${MAX_REVIEW_AGE_MONTHS} months after it was last checked against its sources (<code>backbuddy kb check</code> refuses it after that).</p>
<section id="due" aria-labelledby="due-h"><h2 id="due-h">Due for review: ${lib.due.length}${overdue ? ` (${overdue} overdue)` : ''}</h2>${due}</section>
<section id="by-tag" aria-labelledby="tags-h"><h2 id="tags-h">By tag</h2><div class="tags">${tagIndex}</div>${tags}</section>`);
}

function statusCell(c: SchedulesView['channels'][number]): Html {
  const s = c.status;
  if (s.state === 'active') return html`<span class="state active">active</span>`;
  if (s.state === 'paused') return html`<span class="state paused">paused</span> ${s.until ? `until ${day(s.until)} ${s.until.toISOString().slice(11, 16)} UTC` : 'until someone resumes'}`;
  if (s.state === 'stopped') return html`<span class="state stopped">stopped</span> <code>${s.code}</code> ${s.message}`;
  return html`<span class="state">off</span>`;
}

export function schedulesPage(v: SchedulesView, scope: Scope, now: Date): string {
  const cards = v.channels.map((c) => html`<article class="card"><h2><span class="tag">${c.target.platform}</span> ${c.target.workspace} · <code>${c.target.channel}</code></h2>
<p>${c.schedule} · ${statusCell(c)}</p>
${c.next.length
    ? html`<table><thead><tr><th>Next ${c.next.length === 1 ? 'slot' : `${c.next.length} slots`} (${c.tz})</th><th>UTC</th></tr></thead><tbody>${c.next.map((n) => html`<tr><td>${n.local}</td><td class="muted">${n.at.toISOString().slice(0, 16).replace('T', ' ')}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">No upcoming slots.</p>`}</article>`);
  const personal = v.personal ? html` ${plural(v.personal, 'person has', 'people have')} their own nudges in their direct messages; those are not listed.` : '';
  return page('nudges', scope, 'Nudge schedules', html`<h1>Nudge schedules</h1>
<p class="lead">${plural(v.channels.length, 'channel')} with nudges, each with its next ${NEXT_SLOTS} slots in the schedule's own time zone, as of ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.${personal}</p>
${v.channels.length ? html`<div class="schedules">${cards}</div>` : html`<p class="card">No channel has nudges yet. Turn them on in a channel with <code>/backbuddy nudges on</code>.</p>`}`);
}

export function statsPage(weeks: readonly Week[], scope: Scope, chosen: number): string {
  const labels = weeks.map((w) => short(w.fromDay));
  const sum = (f: (w: Week) => number) => weeks.reduce((n, w) => n + f(w), 0);
  const byTag = new Map<string, number>();
  for (const w of weeks) for (const [tag, n] of Object.entries(w.totals.byTag)) byTag.set(tag, (byTag.get(tag) ?? 0) + n);
  const tags = [...byTag].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const first = weeks[0]?.fromDay ?? '';
  const last = weeks.at(-1)?.toDay ?? '';
  const choices = [4, 12, 26, 52].map((n, i) => html`${i ? ' · ' : ''}${n === chosen ? html`<strong>${n} weeks</strong>` : html`<a href="/admin/stats?weeks=${n}">${n} weeks</a>`}`);
  const rows = [...weeks].reverse().map((w) => html`<tr><td class="week">${w.fromDay} to ${w.toDay}</td><td class="n">${w.totals.nudgesSent}</td><td class="n">${w.totals.doneClicks}</td><td class="n">${w.totals.questions}</td><td class="n">${w.totals.answered}</td>
<td>${Object.entries(w.totals.byTag).slice(0, 4).map(([t, n]) => html`<span class="tag">${t} ${n}</span> `)}</td></tr>`);
  return page('stats', scope, 'Activity', html`<h1>Activity per week</h1>
<p class="lead">UTC weeks from Monday, ${first} to ${last}: ${plural(sum((w) => w.totals.nudgesSent), 'nudge')} sent, ${plural(sum((w) => w.totals.doneClicks), 'Done click')}, ${plural(sum((w) => w.totals.questions), 'question')} (${sum((w) => w.totals.answered)} answered). Show ${choices}.</p>
<div class="charts">
${columnChart({ id: 'sent', title: 'Nudges sent per week', description: `Stretch nudges posted in channels each week, ${labels.join(', ')}.`, labels, values: weeks.map((w) => w.totals.nudgesSent) })}
${columnChart({ id: 'done', title: 'Done clicks per week', description: 'Done clicks on channel nudges each week, all people together.', labels, values: weeks.map((w) => w.totals.doneClicks) })}
${columnChart({ id: 'questions', title: 'Questions per week', description: 'Questions asked each week, answered or not.', labels, values: weeks.map((w) => w.totals.questions) })}
${barChart({ id: 'tags', title: `Questions by tag, ${chosen} weeks`, description: 'Answers given, by the tags of the entry that answered (an entry with two tags counts under both).', rows: tags.slice(0, 12) })}
</div>
<h2>Week by week</h2>
<table><thead><tr><th>Week</th><th class="n">Nudges sent</th><th class="n">Done clicks</th><th class="n">Questions</th><th class="n">Answered</th><th>Top tags</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Counted per channel with no user id; direct messages are counted together, and people's own nudges are left out. The same numbers as JSON: <a href="/admin/api/stats.json?weeks=${chosen}">/admin/api/stats.json</a>.</p>`);
}

export function gapsPage(g: GapsView, scope: Scope): string {
  const groups = g.unanswered.slice(0, GAP_ROWS);
  const votes = g.notHelpful.slice(0, GAP_ROWS);
  const questions = groups.length
    ? html`<table><thead><tr><th class="n">Asked</th><th>Question</th><th>Also asked as</th><th>Last asked</th></tr></thead><tbody>${groups.map((q) => html`<tr><td class="n">${q.count}</td><td>${q.text}</td><td>${q.variants.length ? html`<ul class="sources">${q.variants.map((v) => html`<li>${v}</li>`)}</ul>` : html`<span class="muted">none</span>`}</td><td>${day(q.lastAt)}</td></tr>`)}</tbody></table>`
    : html`<p class="card">Every question in the last ${GAP_DAYS} days was answered.</p>`;
  const notHelpful = !g.votesShown
    ? html`<p class="card">Votes are kept per entry for the whole install, not per workspace, so they are shown only to the admin token's sign-in.</p>`
    : votes.length
      ? html`<table><thead><tr><th>Entry</th><th class="n">Not helpful</th><th class="n">Helpful</th></tr></thead><tbody>${votes.map((v) => html`<tr><td>${v.title ? html`<strong>${v.title}</strong><br>` : html`<span class="muted">(no longer in the knowledge base)</span><br>`}<code>${v.entryId}</code></td><td class="n">${v.notHelpful}</td><td class="n">${v.helpful}</td></tr>`)}</tbody></table>`
      : html`<p class="card">No answer was marked not helpful in the last ${GAP_DAYS} days.</p>`;
  return page('gaps', scope, 'Content gaps', html`<h1>Content gaps</h1>
<p class="lead">The last ${GAP_DAYS} days (since ${day(g.since)}): ${plural(g.questions, 'question')} not answered well${g.questions ? `, in ${plural(g.unanswered.length, 'group')}` : ''}. Questions with the same content words are grouped, whatever their order. The same list in a terminal: <code>backbuddy kb gaps</code>.</p>
<section id="unanswered" aria-labelledby="unanswered-h"><h2 id="unanswered-h">Questions not answered well${g.unanswered.length > GAP_ROWS ? ` (top ${GAP_ROWS})` : ''}</h2>${questions}</section>
<section id="not-helpful" aria-labelledby="not-helpful-h"><h2 id="not-helpful-h">Answers marked not helpful</h2>${notHelpful}</section>`);
}

export type SignInNote = { kind: 'error' | 'notice'; text: string };

export function signInPage(o: { token: boolean; slack: boolean; note?: SignInNote }): string {
  const note = o.note ? html`<p class="${o.note.kind}" role="${o.note.kind === 'error' ? 'alert' : 'status'}">${o.note.text}</p>` : '';
  const token = o.token
    ? html`<form method="post" action="/admin/sign-in"><label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus><button type="submit">Sign in</button></form>`
    : '';
  const slack = o.slack ? html`${o.token ? html`<p class="or">or</p>` : ''}<p><a class="button" href="/admin/slack/start">Sign in with Slack</a></p><p class="muted">For the workspace's admins and owners.</p>` : '';
  return document('Sign in', html`<main class="signin"><h1>backbuddy wellbeing page</h1>${note}<div class="card">${token}${slack}</div></main>`);
}

/** A page for a signed-in request the process cannot serve yet (the store is still opening). */
export function startingPage(): string {
  return document('Starting', html`<main class="signin"><h1>Starting</h1><p class="notice">backbuddy is still opening its store. Reload in a moment.</p></main>`);
}
