import { join } from 'node:path';
import { loadKnowledge } from '../knowledge/load.js';
import { checkKnowledge } from '../knowledge/check.js';
import { formatProblem } from '../knowledge/problems.js';
import { defaultKnowledgeDir } from '../knowledge/paths.js';
import { loadSafetyRules } from '../core/triage.js';
import type { CliIo } from './io.js';

const KB_HELP = `usage: backbuddy kb check          validate the knowledge base (exit 1 with a list of problems)
       backbuddy kb list [tag]      entries by tag, with sources and review date`;

export async function runKb(args: string[], io: CliIo, today = new Date()): Promise<number> {
  const dir = io.config.KNOWLEDGE_DIR ?? defaultKnowledgeDir();
  const [sub, ...rest] = args;
  if (sub === 'check') {
    const { kb, problems } = loadKnowledge(dir);
    const safety = loadSafetyRules(join(dir, 'safety.yaml'));
    const all = [
      ...problems,
      ...(safety.ok ? [] : safety.error.map((p) => ({ ...p, code: 'schema' as const }))),
      ...checkKnowledge(kb, today),
    ];
    for (const p of all) io.out(formatProblem(p));
    const stretches = kb.entries.filter((e) => e.kind === 'stretch').length;
    const tips = kb.entries.filter((e) => e.kind === 'tip').length;
    io.out(`kb check: ${kb.entries.length} entries (${stretches} stretch routines, ${tips} tips), ${kb.tags.size} tags, ${all.length} problem${all.length === 1 ? '' : 's'}`);
    return all.length ? 1 : 0;
  }
  if (sub === 'list') {
    const { kb } = loadKnowledge(dir);
    const only = rest[0];
    if (only && !kb.tags.has(only)) {
      io.err(`kb list: unknown tag "${only}"; known tags: ${[...kb.tags.keys()].join(', ')}`);
      return 2;
    }
    for (const [tag, description] of kb.tags) {
      if (only && tag !== only) continue;
      const entries = kb.entries.filter((e) => e.tags.includes(tag));
      io.out(`\n## ${tag} (${entries.length}): ${description}`);
      for (const e of entries) {
        io.out(`- ${e.id} [${e.kind}] ${e.title} (reviewed ${e.reviewed.toISOString().slice(0, 10)})`);
        for (const s of e.sources) io.out(`    source: ${s.title}, ${s.publisher}, ${s.year}. ${s.url}`);
      }
    }
    return 0;
  }
  io.err(sub ? `kb: unknown command "${sub}"\n${KB_HELP}` : KB_HELP);
  return 2;
}
