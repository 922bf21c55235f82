import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runChat } from '../../../src/cli/chat.js';
import { pictureLine, picturePaths } from '../../../src/cli/picture.js';
import { createAssistant } from '../../../src/core/assistant.js';

const assistant = createAssistant();

async function chat(lines: string[], interactive: boolean): Promise<string> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += String(d)));
  const code = await runChat(assistant, { input: Readable.from(lines.map((l) => `${l}\n`)), output, interactive });
  expect(code).toBe(0);
  // Drop the terminal's cursor and line-clearing codes; keep what a person reads.
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

describe('the terminal chat', () => {
  it('answers /help once, without the bot\'s name twice ("backbuddy> backbuddy:")', async () => {
    const text = await chat(['/help', '/quit'], true);
    expect(text).toContain('backbuddy> Ask a question, or type /stretch, /tip [topic], /help or /quit.');
    expect(text).toMatch(/Topics for \/tip: .*hamstrings/);
    expect(text).not.toContain('backbuddy> backbuddy');
  });

  it('prints the help the same way when piped', async () => {
    const text = await chat(['/help'], false);
    expect(text.startsWith('Ask a question, or type /stretch')).toBe(true);
  });

  it('says which slash command it does not know', async () => {
    expect(await chat(['/frobnicate'], false)).toBe('Unknown command /frobnicate. Try /help.\n\n');
  });

  it('names the illustration of a routine by its path, and of nothing else', async () => {
    const text = await chat(['/stretch', 'how do I do the bird dog', 'hello'], false);
    const pictures = text.split('\n').filter((l) => l.startsWith('Picture: '));
    expect(pictures.length).toBe(2);
    expect(pictures[1]).toBe(`Picture: ${join(assistant.kb.dir, 'images', 'stretch-bird-dog.svg')}`);
    for (const p of pictures) expect(existsSync(p.slice('Picture: '.length))).toBe(true);
  });

  it('prints the routine without a picture line when its file is gone, and goes on', async () => {
    const kb = { ...assistant.kb, dir: '/nonexistent-knowledge' };
    expect(pictureLine(assistant.stretch(), picturePaths(kb))).toBeNull();
    expect(pictureLine(assistant.stretch(), picturePaths(assistant.kb))).toMatch(/^Picture: .*\.svg$/);
  });
});
