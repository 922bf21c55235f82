// The admin page in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
// with JavaScript turned off (the pages must read without it), against app/admin.ts on loopback over
// the seeded store and knowledge base of test/fixtures/admin-seed.ts at a fixed instant. It signs in
// with the token, checks each section, saves a screenshot of each page to test-artifacts/admin/
// (gitignored), and checks that signed-out requests get no data. No wall-clock limits: timeouts are
// only guards against a hang, sized for a cold 2-core machine. Without Chromium it is skipped, saying
// so (.ci/run installs it with apt-get when it can).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdminRoutes, ADMIN_PATHS } from '../../app/admin.js';
import { createHttpServer, type HttpServer } from '../../app/http-server.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { ADMIN_NOW, adminKnowledge, manualClock, PERSON, PERSON_NAME, seedAdminStore } from '../fixtures/admin-seed.js';

export const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const root = join(import.meta.dirname, '../..');
const shots = join(root, 'test-artifacts/admin');
const TOKEN = 'browser-test-admin-token-0123456789';
/** Guards against a hang only (a cold first Chromium start on a busy 2-core machine can take a while). */
const GUARD_MS = 120_000;

if (!hasChromium) {
  it.skip(`Chromium is not at ${CHROMIUM}: the admin page's browser test is skipped (apt-get install -y chromium; .ci/run does it when run as root with apt-get)`, () => {});
}

describe.runIf(hasChromium)('the admin page in Chromium (JavaScript off)', () => {
  let http: HttpServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cleanupKb: () => void = () => {};
  const signedOutTexts = ['C_SUPPORT', 'how do i fix my chair', 'posture-myths', 'nudges sent'];

  beforeAll(async () => {
    const { store } = await seedAdminStore();
    const k = adminKnowledge();
    cleanupKb = k.cleanup;
    http = createHttpServer();
    addAdminRoutes(http, { config: ConfigSchema.parse({ ADMIN_TOKEN: TOKEN }), log: pino({ level: 'silent' }), clock: manualClock(ADMIN_NOW), sources: () => ({ store, kb: k.kb }) });
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    mkdirSync(shots, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, timeout: GUARD_MS, args: ['--disable-dev-shm-usage', '--disable-gpu'] });
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 }, colorScheme: 'light', locale: 'en-GB', timezoneId: 'UTC' });
    context.setDefaultTimeout(GUARD_MS);
    context.setDefaultNavigationTimeout(GUARD_MS);
    page = await context.newPage();
  }, 4 * GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    await http?.close(0);
    cleanupKb();
  });

  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });

  it('sends a signed-out visitor to the sign-in page, with no data on it', async () => {
    for (const path of [ADMIN_PATHS.library, ADMIN_PATHS.nudges, ADMIN_PATHS.stats, ADMIN_PATHS.gaps, '/admin']) {
      await page.goto(`${base}${path}`);
      expect(new URL(page.url()).pathname).toBe(ADMIN_PATHS.signIn);
      const text = await page.locator('body').innerText();
      for (const t of signedOutTexts) expect(text).not.toContain(t);
    }
    const api = await context.request.get(`${base}${ADMIN_PATHS.statsJson}`);
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({ error: 'sign_in_required', signIn: ADMIN_PATHS.signIn });
    await expect.poll(() => page.getByLabel('Admin token').count()).toBe(1);
    await shot('sign-in');
  }, 4 * GUARD_MS);

  it('refuses a wrong token and signs in with the right one', async () => {
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').innerText()).toBe('That token is not right.');
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${ADMIN_PATHS.library}`);
    const cookies = await context.cookies(`${base}${ADMIN_PATHS.library}`);
    expect(cookies.map((c) => ({ name: c.name, path: c.path, httpOnly: c.httpOnly, sameSite: c.sameSite }))).toEqual([{ name: 'bb_admin', path: '/admin', httpOnly: true, sameSite: 'Lax' }]);
  }, 4 * GUARD_MS);

  it('shows the library by tag, with sources, review dates and what is due for review', async () => {
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Library');
    expect(await page.locator('#due-h').innerText()).toBe('Due for review: 2 (1 overdue)');
    const due = page.locator('#due tbody tr');
    expect(await due.count()).toBe(2);
    expect(await due.nth(0).innerText()).toMatch(/Is there one right posture\?[\s\S]*2024-10-01[\s\S]*2026-10-01\s+overdue/);
    expect(await due.nth(1).innerText()).toMatch(/Short breaks from the desk[\s\S]*2026-12-20\s+due soon/);
    expect(await page.locator('details').count()).toBe(4);
    // Opening a tag is a <details> toggle: no script needed.
    await page.locator('#tag-sitting > summary').click();
    const sitting = page.locator('#tag-sitting tbody tr');
    expect(await sitting.count()).toBe(3);
    expect(await page.locator('#tag-sitting').getByRole('link', { name: 'Low back pain and sciatica (NG59)' }).getAttribute('href')).toBe('https://www.nice.org.uk/guidance/ng59');
    await page.locator('#tag-heat-cold > summary').click();
    expect(await page.locator('#tag-heat-cold tbody').innerText()).toContain('Heat & ice: which <first>?');
    await shot('library');
  }, 4 * GUARD_MS);

  it('shows each channel\'s schedule with its next 5 slots in the schedule\'s own zone', async () => {
    await page.getByRole('link', { name: 'Nudge schedules' }).click();
    await page.waitForURL(`${base}${ADMIN_PATHS.nudges}`);
    const cards = page.locator('article.card');
    expect(await cards.count()).toBe(4);
    const support = cards.filter({ hasText: 'C_SUPPORT' });
    expect(await support.locator('tbody tr').count()).toBe(5);
    expect(await support.locator('tbody tr').first().innerText()).toMatch(/^Wed 2026-11-25 10:30\s+2026-11-25 10:30$/);
    const eng = cards.filter({ hasText: 'C_ENG' });
    expect(await eng.locator('thead').innerText()).toMatch(/NEXT 5 SLOTS \(AMERICA\/NEW_YORK\)/i);
    expect(await eng.locator('tbody tr').first().innerText()).toMatch(/^Wed 2026-11-25 10:00\s+2026-11-25 15:00$/);
    expect(await cards.filter({ hasText: 'C_GENERAL' }).innerText()).toContain('paused until 2026-11-27 12:00 UTC');
    expect(await cards.filter({ hasText: 'C_OLD' }).innerText()).toMatch(/stopped\s+not_in_channel/);
    expect(await page.locator('main').innerText()).toContain('1 person has their own nudges in their direct messages; those are not listed.');
    await shot('nudges');
  }, 4 * GUARD_MS);

  it('shows anonymous activity per week as bar charts drawn on the server', async () => {
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.waitForURL(`${base}${ADMIN_PATHS.stats}`);
    const charts = page.getByRole('img');
    expect(await charts.count()).toBe(4);
    for (const id of ['sent', 'done', 'questions']) expect(await page.locator(`svg[aria-labelledby="${id}-t ${id}-d"] rect.bar`).count()).toBe(12);
    expect(await page.locator('svg[aria-labelledby="tags-t tags-d"] rect.bar').count()).toBe(4);
    expect(await page.getByRole('img', { name: 'Nudges sent per week' }).count()).toBe(1);
    // The bars have a size in the page (drawn, not just present), and the table repeats the numbers.
    const box = await page.locator('svg[aria-labelledby="sent-t sent-d"] rect.bar').first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(10);
    expect(await page.locator('main table tbody tr').count()).toBe(12);
    await shot('stats');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('stats-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  }, 4 * GUARD_MS);

  it('shows the content gaps: grouped unanswered questions and answers marked not helpful, as text', async () => {
    await page.getByRole('link', { name: 'Content gaps' }).click();
    await page.waitForURL(`${base}${ADMIN_PATHS.gaps}`);
    const rows = page.locator('#unanswered tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.first().innerText()).toMatch(/^3\s+how do i fix my chair\s+fixing my chair\s+how do i fix my chair\?\s+2026-11-16$/);
    // Markup in a question is shown as the characters typed, never run or rendered.
    expect(await page.locator('#unanswered').innerText()).toContain('<script>alert("x")</script> is my kneeling stool safe?');
    expect(await page.locator('#unanswered script').count()).toBe(0);
    const votes = page.locator('#not-helpful tbody tr');
    expect(await votes.count()).toBe(3);
    expect(await votes.first().innerText()).toMatch(/Heat & ice: which <first>\?\s+heat-or-ice\s+2\s+1/);
    for (const path of [ADMIN_PATHS.library, ADMIN_PATHS.nudges, ADMIN_PATHS.stats, ADMIN_PATHS.gaps]) {
      const html = await (await context.request.get(`${base}${path}`)).text();
      expect(html).not.toContain(PERSON);
      expect(html).not.toContain(PERSON_NAME);
    }
    await shot('gaps');
  }, 4 * GUARD_MS);

  it('signs out, after which no page and no JSON is served', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}${ADMIN_PATHS.signIn}?signed_out=1`);
    expect(await page.getByRole('status').innerText()).toBe('You are signed out.');
    expect(await context.cookies(`${base}${ADMIN_PATHS.library}`)).toEqual([]);
    await page.goto(`${base}${ADMIN_PATHS.gaps}`);
    expect(new URL(page.url()).pathname).toBe(ADMIN_PATHS.signIn);
    const text = await page.locator('body').innerText();
    for (const t of signedOutTexts) expect(text).not.toContain(t);
    expect((await context.request.get(`${base}${ADMIN_PATHS.statsJson}`)).status()).toBe(401);
    await shot('signed-out');
  }, 4 * GUARD_MS);
});
