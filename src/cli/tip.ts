import type { Assistant } from '../core/assistant.js';
import type { CliIo } from './io.js';

/** `backbuddy tip [topic]`: one quick tip. */
export function runTip(assistant: Assistant, words: string[], io: CliIo): number {
  const t = assistant.tip(words.join(' '));
  io.out(t.reply.text);
  return 0;
}
