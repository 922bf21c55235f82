import type { AnswerReply, ClarifyReply } from './reply-schema.js';
import { formatDuration as duration, MEDICAL_NOTE } from './present.js';

/** Plain-text rendering of an answer: what the terminal prints and the platforms' fallback text. */
export function renderAnswerText(r: AnswerReply): string {
  const lines: string[] = [];
  for (const n of r.notes) lines.push(`(${n})`);
  lines.push(r.durationS ? `${r.entry.title} (${duration(r.durationS)})` : r.entry.title, '', r.summary);
  if (r.steps.length) {
    lines.push('', 'Steps:');
    r.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s}`));
  }
  if (r.dose) lines.push('', r.dose);
  if (r.cautions.length) lines.push('', `Take care: ${r.cautions.join(' ')}`);
  lines.push('', 'Sources:');
  for (const s of r.sources) lines.push(`  - ${s.title}, ${s.publisher} (${s.year}). ${s.url}`);
  if (r.related.length) lines.push('', `Related: ${r.related.map((x) => x.title).join(' · ')}`);
  if (r.medical) lines.push('', MEDICAL_NOTE);
  return lines.join('\n');
}

export function renderClarifyText(lead: string, options: ClarifyReply['options']): string {
  return [lead, ...options.map((o, i) => `  ${i + 1}. ${o.title}`), 'Reply with a number, or ask in other words.'].join('\n');
}
