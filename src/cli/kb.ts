import { join } from 'node:path';
import { loadKnowledge } from '../knowledge/load.js';
import { checkKnowledge, readingGrade, MAX_GRADE } from '../knowledge/check.js';
import { formatProblem } from '../knowledge/problems.js';
import { checkImages } from '../knowledge/images.js';
import { defaultKnowledgeDir } from '../knowledge/paths.js';
import { libraryByTag } from '../knowledge/library.js';
import { loadSafetyRules } from '../core/triage.js';
import { parseArgs, unexpected } from './args.js';
import type { CliIo } from './io.js';
import type { StoreIo } from './store-io.js';

export const KB_HELP = `usage: backbuddy kb check [--grades]   validate the knowledge base (exit 1 with a list of problems)
       backbuddy kb list [tag]          entries by tag, with sources, review date and reading grade
       backbuddy kb gaps [--days N] [--limit N] [--json]
                                        questions not answered well and answers marked not helpful,
                                        from the store (see backbuddy kb gaps --help)

check also reports the reading grade of the summaries; --grades lists each entry's. knowledge/README.md
gives the rules it enforces.`;

/** A source's year as a sentence ends it: "2020." but "n.d." (already ending in a full stop). */
const yearDot = (year: number | string) => (String(year).endsWith('.') ? String(year) : `${year}.`);

export async function runKb(args: string[], io: StoreIo, today = new Date()): Promise<number> {
  const [sub, ...more] = args;
  const fail = (line: string) => {
    io.err(line);
    return 2;
  };
  if (sub === undefined) return fail('backbuddy kb: expected a command, check, list or gaps (see backbuddy kb --help)');
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(KB_HELP);
    return 0;
  }
  if (sub.startsWith('-')) return fail(`backbuddy kb: unknown option ${sub} (see backbuddy kb --help)`);
  // gaps opens the store; it is imported only here so check and list never load a database driver.
  if (sub === 'gaps') return (await import('./gaps.js')).runGaps(more, io);
  if (sub !== 'check' && sub !== 'list') return fail(`backbuddy kb: unknown command "${sub}"; expected check, list or gaps (see backbuddy kb --help)`);
  const a = parseArgs(`backbuddy kb ${sub}`, more, sub === 'check' ? ['grades'] : []);
  if (!a.ok) return fail(a.error);
  if (a.value.flags.has('help')) {
    io.out(KB_HELP);
    return 0;
  }
  const words = a.value.words;
  if (words.length > (sub === 'list' ? 1 : 0)) return fail(unexpected(`backbuddy kb ${sub}`, sub === 'list' ? words.slice(1) : words));
  const dir = io.config.KNOWLEDGE_DIR ?? defaultKnowledgeDir();
  return sub === 'check' ? check(dir, a.value.flags.has('grades'), io, today) : list(dir, words[0], io, today);
}

function check(dir: string, listGrades: boolean, io: CliIo, today: Date): number {
  const { kb, problems } = loadKnowledge(dir);
  const safety = loadSafetyRules(join(dir, 'safety.yaml'));
  const all = [
    ...problems,
    ...(safety.ok ? [] : safety.error.map((p) => ({ ...p, code: 'schema' as const }))),
    ...checkKnowledge(kb, today),
    ...checkImages(kb),
  ];
  for (const p of all) io.out(formatProblem(p));
  const grades = kb.entries.map((e) => ({ id: e.id, grade: readingGrade(e.summary) })).sort((a, b) => b.grade - a.grade);
  if (listGrades) for (const g of grades) io.out(`grade ${g.grade.toFixed(1).padStart(5)}  ${g.id}`);
  if (grades[0]) {
    const mean = grades.reduce((n, g) => n + g.grade, 0) / grades.length;
    io.out(`readability (Flesch-Kincaid grade of summaries, limit ${MAX_GRADE}): mean ${mean.toFixed(1)}, highest ${grades[0].grade.toFixed(1)} (${grades[0].id}); --grades lists each`);
  }
  const stretches = kb.entries.filter((e) => e.kind === 'stretch').length;
  const tips = kb.entries.filter((e) => e.kind === 'tip').length;
  io.out(`kb check: ${kb.entries.length} entries (${stretches} stretch routines, ${tips} tips), ${kb.tags.size} tags, ${all.length} problem${all.length === 1 ? '' : 's'}`);
  return all.length ? 1 : 0;
}

function list(dir: string, only: string | undefined, io: CliIo, today: Date): number {
  const { kb } = loadKnowledge(dir);
  if (only && !kb.tags.has(only)) {
    io.err(`backbuddy kb list: unknown tag "${only}"; known tags: ${[...kb.tags.keys()].join(', ')}`);
    return 2;
  }
  for (const { tag, description, entries } of libraryByTag(kb, today, only).tags) {
    io.out(`\n## ${tag} (${entries.length}): ${description}`);
    for (const { entry: e, grade } of entries) {
      io.out(`- ${e.id} [${e.kind}] ${e.title} (reviewed ${e.reviewed.toISOString().slice(0, 10)}, grade ${grade.toFixed(1)})`);
      for (const s of e.sources) io.out(`    source: ${s.title}, ${s.publisher}, ${yearDot(s.year)} ${s.url}`);
    }
  }
  return 0;
}
