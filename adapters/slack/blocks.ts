// Small Block Kit builders with Slack's size limits applied, so render.ts reads as layout only.
import type { types } from '@slack/bolt';
import { BUTTON_LABEL_MAX, HEADER_MAX, MESSAGE_BLOCKS_MAX, SECTION_MAX, mrkdwnText, plainText, truncate } from './mrkdwn.js';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;

/** What the adapter posts: blocks plus the plain fallback Slack shows in notifications. */
export type SlackMessage = { text: string; blocks: Block[] };

export const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: plainText(text, HEADER_MAX) } });

/** A section from text that is already mrkdwn (escaped by the caller). */
export const sectionMrkdwn = (mrkdwn: string, blockId?: string): Block => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text: truncate(mrkdwn, SECTION_MAX) },
});

/** A section from plain text: escaped, then cut to the limit. */
export const section = (text: string): Block => sectionMrkdwn(mrkdwnText(text));

export const context = (mrkdwn: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, SECTION_MAX) }],
});

export const button = (actionId: string, label: string, value: string, style?: 'primary' | 'danger'): ButtonElement => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: plainText(label, BUTTON_LABEL_MAX) },
  value,
  ...(style ? { style } : {}),
});

/** A picture uploaded to the workspace, shown by file id (no public URL needed). */
export const imageFile = (fileId: string, alt: string): Block => ({ type: 'image', slack_file: { id: fileId }, alt_text: alt });

/** Slack allows 25 elements in an actions block. */
export const actions = (blockId: string, elements: ButtonElement[]): Block => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, 25),
});

/** Keep a message within 50 blocks; the last block (usually the buttons) survives the cut. */
export function capBlocks(blocks: Block[], max = MESSAGE_BLOCKS_MAX): Block[] {
  if (blocks.length <= max) return blocks;
  const last = blocks[blocks.length - 1]!;
  return [...blocks.slice(0, max - 2), context('…'), last];
}

export const message = (fallback: string, blocks: Block[]): SlackMessage => ({
  text: mrkdwnText(fallback),
  blocks: capBlocks(blocks),
});
