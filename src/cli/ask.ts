import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Assistant } from '../core/assistant.js';
import { toJsonLine } from './render.js';
import type { CliIo } from './io.js';

/** `backbuddy ask "question"`: one answer as text. */
export async function askOnce(assistant: Assistant, question: string, io: CliIo): Promise<number> {
  const r = await assistant.reply({ text: question, conversation: 'cli-ask', platform: 'cli' });
  io.out(r.text);
  return 0;
}

type ParsedLine = { ok: true; id: unknown; text: string; conversation?: string } | { ok: false; id: unknown; error: string };

export function parseRequestLine(line: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (e) {
    return { ok: false, id: null, error: `malformed JSON: ${(e as Error).message}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, id: null, error: 'expected a JSON object like {"id":"q1","text":"..."}' };
  const o = data as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : null;
  if (typeof o.text !== 'string') return { ok: false, id, error: 'text: expected a string' };
  if (o.conversation !== undefined && o.conversation !== null && typeof o.conversation !== 'string' && typeof o.conversation !== 'number') {
    return { ok: false, id, error: 'conversation: expected a string' };
  }
  const conversation = o.conversation === undefined || o.conversation === null || o.conversation === '' ? undefined : String(o.conversation).slice(0, 300);
  return conversation ? { ok: true, id, text: o.text, conversation } : { ok: true, id, text: o.text };
}

/** `backbuddy ask --jsonl`: one request per input line, one reply per output line, same order. */
export async function askJsonl(assistant: Assistant, input: Readable, io: CliIo): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const p = parseRequestLine(line);
    if (!p.ok) {
      io.out(JSON.stringify({ id: p.id, error: p.error }));
      continue;
    }
    try {
      const r = await assistant.reply({ text: p.text, ...(p.conversation ? { conversation: p.conversation } : {}), platform: 'cli' });
      io.out(JSON.stringify(toJsonLine(p.id, r)));
    } catch (e) {
      // A bug must not lose the rest of the batch; the line says what went wrong.
      io.out(JSON.stringify({ id: p.id, error: `internal error: ${(e as Error).message}` }));
    }
  }
  return 0;
}
