// Routine illustrations in Slack, against the fake Web API: uploaded once per workspace with
// files.getUploadURLExternal + a POST of the PNG + files.completeUploadExternal, then shown from an
// image block by file id; a failed upload leaves the picture out and never the routine.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory.js';
import type { Nudge } from '../../src/nudges/sink.js';
import { parseJsonArg, type SlackApiCall } from '../fakes/slack-api.js';
import { actionFrom, startSlackHarness, type SlackHarness } from '../fakes/slack-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';

const NOW = new Date('2026-03-24T08:00:00Z');
const assistant = testAssistant({ clock: fixedClock(NOW) });
const routine = assistant.entry('stretch-seated-twist');
const svgKey = (id: string) => createHash('sha256').update(readFileSync(join(assistant.kb.dir, 'images', `${id}.svg`), 'utf8')).digest('hex').slice(0, 16);
let h: SlackHarness;
let store: MemoryStore;

beforeAll(async () => {
  store = new MemoryStore(fixedClock(NOW));
  h = await startSlackHarness({ assistant, store, clock: fixedClock(NOW) });
});
afterAll(async () => h.close());
beforeEach(() => void h.api.calls.splice(0));

const nudge = (workspace: string, channel: string): Nudge => ({
  subscriptionId: '7', slot: NOW.toISOString(), target: { platform: 'slack', workspace, channel }, routine: routine!,
});
const of = (method: string) => (c: SlackApiCall) => c.method === method;
const imageBlocks = (c: SlackApiCall) => parseJsonArg<any[]>(c.args.blocks).filter((b) => b.type === 'image');

describe('routine illustrations in Slack', () => {
  it('uploads the PNG once per workspace, then shows it by file id with the first step as alt text', async () => {
    expect(routine?.kind).toBe('answer');
    expect((await h.slack.sink.post(nudge('T1', 'C1'))).ok).toBe(true);
    expect((await h.slack.sink.post(nudge('T1', 'C2'))).ok).toBe(true);
    const [ask] = h.api.calls.filter(of('files.getUploadURLExternal'));
    expect(ask?.args).toMatchObject({ filename: 'stretch-seated-twist.png', alt_text: routine!.steps[0] });
    const uploads = h.api.calls.filter(of('upload'));
    expect(uploads.map((u) => [u.path, u.args.png, u.args.contentType])).toEqual([['F_FAKE1', true, 'image/png']]);
    expect(Number(uploads[0]!.args.bytes)).toBe(Number(ask!.args.length));
    expect(parseJsonArg(h.api.calls.find(of('files.completeUploadExternal'))!.args.files)).toEqual([{ id: 'F_FAKE1', title: 'stretch-seated-twist.png' }]);
    const posts = h.api.calls.filter(of('chat.postMessage'));
    expect(posts.map(imageBlocks)).toEqual([0, 1].map(() => [{ type: 'image', slack_file: { id: 'F_FAKE1' }, alt_text: routine!.steps[0] }]));
    expect(await store.getUploadedImage('slack', 'T1', `stretch-seated-twist:${svgKey('stretch-seated-twist')}`)).toBe('F_FAKE1');

    await h.slack.sink.post(nudge('T2', 'C9'));
    expect(h.api.calls.filter(of('upload')).map((u) => u.path)).toEqual(['F_FAKE1', 'F_FAKE2']);
    expect(imageBlocks(h.api.calls.filter(of('chat.postMessage'))[2]!)[0].slack_file).toEqual({ id: 'F_FAKE2' });
  });

  it('posts the routine without its picture when the upload fails, and tries again next time', async () => {
    h.api.on('files.getUploadURLExternal', () => ({ error: 'not_allowed_token_type' }));
    try {
      expect((await h.slack.sink.post(nudge('T3', 'C1'))).ok).toBe(true);
      const [post] = h.api.calls.filter(of('chat.postMessage'));
      expect(imageBlocks(post!)).toEqual([]);
      expect(h.logs.some((l) => l.code === 'slack_image_upload_failed' && l.reason === 'not_allowed_token_type')).toBe(true);
    } finally {
      h.api.on('files.getUploadURLExternal', undefined);
    }
  });

  it('answers /backbuddy stretch on the ack without waiting for an upload, and shows the picture once uploaded', async () => {
    const stretch = async () => JSON.parse((await h.postCommand({ command: '/backbuddy', text: 'stretch', team_id: 'T4' })).text);
    const first = await stretch();
    const entryId = String(first.blocks.find((b: any) => b.type === 'actions').elements[0].value).split('|')[0] ?? '';
    expect(first.blocks.filter((b: any) => b.type === 'image')).toEqual([]);
    await h.api.waitFor((c) => c.method === 'files.completeUploadExternal' && JSON.stringify(c.args.files).includes(`${entryId}.png`));
    await expect.poll(() => store.getUploadedImage('slack', 'T4', `${entryId}:${svgKey(entryId)}`)).not.toBeNull();
    const second = await stretch();
    expect(String(second.blocks.find((b: any) => b.type === 'actions').elements[0].value).split('|')[0]).toBe(entryId);
    expect(second.blocks.filter((b: any) => b.type === 'image').map((b: any) => b.alt_text)).toEqual([assistant.entry(entryId)?.steps[0]]);
  });

  it('shows the picture on Another one', async () => {
    const shown = 'stretch-seated-twist';
    const res = await h.postAction(actionFrom('block_actions_ephemeral', 'nudge_another', `${shown}|`, { team: { id: 'T1', domain: 'acme' } }));
    const [reply] = await h.api.waitFor((c) => c.method === 'response_url' && c.path === res.responseId);
    const blocks = reply!.args.blocks as any[];
    const entryId = String(blocks.find((b) => b.type === 'actions').elements[0].value).split('|')[0]!;
    expect(entryId).not.toBe(shown);
    expect(blocks.filter((b) => b.type === 'image').map((b) => [b.alt_text, typeof b.slack_file.id])).toEqual([[assistant.entry(entryId)?.steps[0], 'string']]);
  });

  it('posts again without the picture when Slack refuses the block, and uploads afresh next time', async () => {
    let refused = 0;
    h.api.on('chat.postMessage', (args) => (parseJsonArg<any[]>(args.blocks).some((b) => b.type === 'image') && refused++ === 0 ? { error: 'invalid_blocks' } : undefined));
    try {
      expect((await h.slack.sink.post(nudge('T1', 'C5'))).ok).toBe(true);
      const posts = h.api.calls.filter(of('chat.postMessage'));
      expect(posts.map((p) => imageBlocks(p).length)).toEqual([1, 0]);
      expect(h.logs.some((l) => l.code === 'slack_image_refused')).toBe(true);
      expect(await store.getUploadedImage('slack', 'T1', `stretch-seated-twist:${svgKey('stretch-seated-twist')}`)).toBeNull();
      await h.slack.sink.post(nudge('T1', 'C5'));
      expect(h.api.calls.filter(of('upload')).length).toBe(1);
      expect(imageBlocks(h.api.calls.filter(of('chat.postMessage'))[2]!).length).toBe(1);
    } finally {
      h.api.on('chat.postMessage', undefined);
    }
  });
});
