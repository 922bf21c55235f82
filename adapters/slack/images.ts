import type { SlackClients } from './clients.js';
// Routine illustrations in Slack: each PNG is uploaded once per workspace and then shown from an image
// block by file id (`slack_file`), so no public URL is needed. Upload is the three-step flow of
// https://api.slack.com/messaging/files#uploading_files: files.getUploadURLExternal, a POST of the bytes
// to the returned upload_url, files.completeUploadExternal without a channel (the file stays private to
// the app, which is enough for its own blocks). The file id is kept in the store by image key.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { AdapterServices } from '../../src/adapter-kit/services.js';
import type { ImageView } from '../../src/core/present.js';

/** What an image block needs. */
export type SlackImage = { fileId: string; alt: string };

/** Slack's alt_text limit for image blocks (https://api.slack.com/reference/block-kit/blocks#image). */
const ALT_MAX = 2000;
/** The upload is one POST of an ~30 KB file; longer means something is wrong, and the post goes without. */
const UPLOAD_TIMEOUT_MS = 20_000;

export class SlackImages {
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly clients: SlackClients,
    private readonly services: Pick<AdapterServices, 'images' | 'uploads'>,
    private readonly log: Logger,
  ) {}

  /** The image for a reply, uploading it to the workspace first if needed; null when there is none or it failed. */
  async forView(team: string | undefined, image: ImageView | null): Promise<SlackImage | null> {
    if (!image || !team) return null;
    const png = await this.services.images.png(image.entryId);
    if (!png) return null;
    const key = `${image.entryId}:${png.key}`;
    const flight = `${team}\u0000${key}`;
    let p = this.inFlight.get(flight);
    if (!p) {
      p = this.fileId(team, key, png.name, png.bytes, image.alt).finally(() => this.inFlight.delete(flight));
      this.inFlight.set(flight, p);
    }
    const fileId = await p;
    return fileId ? { fileId, alt: image.alt.slice(0, ALT_MAX) } : null;
  }

  /**
   * Only an image already uploaded to the workspace (a store lookup, no upload), for answers that ride on
   * a slash command's 3-second ack. A missing one is uploaded in the background for next time.
   */
  async ifUploaded(team: string | undefined, image: ImageView | null): Promise<SlackImage | null> {
    if (!image || !team) return null;
    const png = await this.services.images.png(image.entryId);
    if (!png) return null;
    const fileId = await this.services.uploads.get('slack', team, `${image.entryId}:${png.key}`).catch(() => null);
    if (fileId) return { fileId, alt: image.alt.slice(0, ALT_MAX) };
    void this.forView(team, image);
    return null;
  }

  /** Slack would not show the file (deleted, or never processed): the next use uploads it again. */
  async forget(team: string, image: ImageView | null): Promise<void> {
    if (!image) return;
    const png = await this.services.images.png(image.entryId);
    if (!png) return;
    this.log.warn({ code: 'slack_image_refused', entryId: image.entryId }, 'slack_image_refused');
    await this.services.uploads.forget('slack', team, `${image.entryId}:${png.key}`).catch(() => undefined);
  }

  private async fileId(team: string, key: string, filename: string, bytes: Buffer, alt: string): Promise<string | null> {
    try {
      const cached = await this.services.uploads.get('slack', team, key);
      if (cached) return cached;
      // Each workspace's own bot token (OAuth installs), or the one client.
      const client = await this.clients.forTeam(team);
      if (!client) return null;
      const url = await client.files.getUploadURLExternal({ filename, length: bytes.length, alt_text: alt.slice(0, ALT_MAX) });
      if (!url.upload_url || !url.file_id) throw new Error('no upload_url');
      const res = await fetch(url.upload_url, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: bytes,
        signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`upload HTTP ${res.status}`);
      await res.arrayBuffer();
      await client.files.completeUploadExternal({ files: [{ id: url.file_id, title: filename }] });
      await this.services.uploads.save('slack', team, key, url.file_id);
      this.log.info({ code: 'slack_image_uploaded', entryId: key.split(':')[0] }, 'slack_image_uploaded');
      return url.file_id;
    } catch (e) {
      // The message goes without its picture; the next routine tries again.
      const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error).name;
      this.log.warn({ code: 'slack_image_upload_failed', reason: code }, 'slack_image_upload_failed');
      return null;
    }
  }
}
