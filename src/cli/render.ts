import type { Reply } from '../core/reply-schema.js';

/** One line of `ask --jsonl` output, exactly as docs/cli.md describes it (field order included). */
export function toJsonLine(id: unknown, r: Reply): Record<string, unknown> {
  const base = {
    id: id ?? null,
    kind: r.kind,
    entryId: r.kind === 'answer' ? r.entry.entryId : null,
    title: r.kind === 'answer' ? r.entry.title : null,
    tags: r.kind === 'answer' ? r.entry.tags : [],
    text: r.text,
    options: r.kind === 'clarify' ? r.options.map((o) => ({ entryId: o.entryId, title: o.title, tags: o.tags })) : [],
    confidence: r.confidence,
  };
  return r.kind === 'urgent' ? { ...base, urgency: r.urgency } : base;
}
