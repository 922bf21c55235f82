import { formatDuration } from '../core/present.js';
import type { AnswerReply } from '../core/reply-schema.js';
import type { Nudge, NudgeSink, SinkResult } from './sink.js';

/** The terminal chat's one channel; `backbuddy nudges add` without a target subscribes it. */
export const TERMINAL_TARGET = { platform: 'cli', workspace: 'local', channel: 'terminal' } as const;

/** A routine as plain text: title, duration, numbered steps, dose, caution, source, and the actions. */
export function renderNudgeText(routine: AnswerReply, picture: string | null = null): string {
  const lines = [`Stretch break: ${routine.entry.title}${routine.durationS ? ` (${formatDuration(routine.durationS)})` : ''}`];
  if (routine.summary) lines.push(routine.summary);
  routine.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s}`));
  if (routine.dose) lines.push(routine.dose);
  for (const c of routine.cautions) lines.push(`Caution: ${c}`);
  const source = routine.sources[0];
  if (source) lines.push(`Source: ${source.title} (${source.publisher}, ${source.year}) ${source.url}`);
  if (picture) lines.push(`Picture: ${picture}`);
  lines.push('Type "done", "snooze" (1 h) or "another".');
  return lines.join('\n');
}

/** A NudgeSink that prints to the terminal chat; `write` is the chat's output, so nudges interleave with replies. */
export function createTerminalSink(write: (text: string) => void, picture: (entryId: string) => string | null = () => null): NudgeSink {
  return {
    platform: 'cli',
    async post(nudge: Nudge): Promise<SinkResult> {
      write(`\n${renderNudgeText(nudge.routine, picture(nudge.routine.entry.entryId))}\n`);
      return { ok: true, messageRef: `terminal:${nudge.slot}` };
    },
  };
}
