import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { Assistant } from '../core/assistant.js';
import { MEDICAL_NOTE } from '../core/present.js';
import type { Reply } from '../core/reply-schema.js';
import { pictureLine, picturePaths } from './picture.js';

export type ChatOptions = {
  input: Readable;
  output: Writable;
  interactive: boolean;
  /** Lets the caller answer some lines itself (the nudge words "done", "snooze", "another"); null passes the line on. */
  intercept?: (line: string) => Promise<string | null>;
};

const COMMANDS = 'Ask a question, or type /stretch, /tip [topic], /help or /quit.';
const BANNER = `backbuddy: back-pain education in your terminal. ${MEDICAL_NOTE}\n${COMMANDS}`;

/**
 * The terminal chat. Interactive on a terminal; with piped input it reads one message a line,
 * prints each reply, and returns at the end of input (so scripts can use it).
 */
export async function runChat(assistant: Assistant, o: ChatOptions, onLine?: (print: (s: string) => void) => void): Promise<number> {
  const conversation = `cli:${randomUUID()}`;
  const picture = picturePaths(assistant.kb);
  // A routine's text, then the path of its illustration when it has one.
  const withPicture = (r: Reply) => [r.text, pictureLine(r, picture)].filter(Boolean).join('\n');
  const print = (s: string) => o.output.write(`${s}\n`);
  const rl = createInterface({ input: o.input, output: o.interactive ? o.output : undefined, terminal: o.interactive, crlfDelay: Infinity });
  if (o.interactive) {
    print(BANNER);
    rl.setPrompt('\nyou> ');
    rl.prompt();
    onLine?.((s) => {
      print(`\n${s}`);
      rl.prompt(true);
    });
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (!line && !o.interactive) continue;
    let text: string;
    const taken = o.intercept && line ? await o.intercept(line) : null;
    if (taken !== null) text = taken;
    // Not the banner: it starts with "backbuddy:", which printed as "backbuddy> backbuddy: …".
    else if (line === '/help') text = `${COMMANDS} ${MEDICAL_NOTE}\nTopics for /tip: ${assistant.topics().join(', ')}`;
    else if (line === '/stretch') text = withPicture(assistant.stretch());
    else if (line === '/tip' || line.startsWith('/tip ')) text = assistant.tip(line.slice(4).trim()).reply.text;
    else if (line.startsWith('/')) text = `Unknown command ${line.split(/\s/)[0]}. Try /help.`;
    else text = withPicture(await assistant.reply({ text: raw, conversation, platform: 'cli' }));
    print(o.interactive ? `\nbackbuddy> ${text}` : `${text}\n`);
    if (o.interactive) rl.prompt();
  }
  rl.close();
  return 0;
}
