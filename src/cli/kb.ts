import { join } from 'node:path';
import { loadKnowledge } from '../knowledge/load.js';
import { checkKnowledge, readingGrade, MAX_GRADE } from '../knowledge/check.js';
import { formatProblem } from '../knowledge/problems.js';
import { defaultKnowledgeDir } from '../knowledge/paths.js';
import { loadSafetyRules } from '../core/triage.js';
import type { CliIo } from './io.js';

const KB_HELP = `usage: backbuddy kb check [--grades] validate the knowledge base (exit 1 with a list of problems)
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
    const grades = kb.entries.map((e) => ({ id: e.id, grade: readingGrade(e.summary) })).sort((a, b) => b.grade - a.grade);
    if (rest.includes('--grades')) for (const g of grades) io.out(`grade ${g.grade.toFixed(1).padStart(5)}  ${g.id}`);
    if (grades[0]) {
      const mean = grades.reduce((n, g) => n + g.grade, 0) / grades.length;
      io.out(`readability (Flesch-Kincaid grade of summaries, limit ${MAX_GRADE}): mean ${mean.toFixed(1)}, highest ${grades[0].grade.toFixed(1)} (${grades[0].id}); --grades lists each`);
    }
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
        io.out(`- ${e.id} [${e.kind}] ${e.title} (reviewed ${e.reviewed.toISOString().slice(0, 10)}, grade ${readingGrade(e.summary).toFixed(1)})`);
        for (const s of e.sources) io.out(`    source: ${s.title}, ${s.publisher}, ${s.year}. ${s.url}`);
      }
    }
    return 0;
  }
  io.err(sub ? `kb: unknown command "${sub}"\n${KB_HELP}` : KB_HELP);
  return 2;
}
