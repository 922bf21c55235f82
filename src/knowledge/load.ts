import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { yaml } from './yaml-lazy.js';
import { openYamlCache, type YamlCache } from './yaml-cache.js';
import type { z } from 'zod';
import { FrontmatterSchema, SourcesFileSchema, SynonymsFileSchema, TagsFileSchema, type Entry, type SourcesFile, type SynonymsFile } from './schema.js';
import type { KbProblem } from './problems.js';
import { defaultKnowledgeDir } from './paths.js';

/** The loaded knowledge: valid entries, the tag taxonomy, the synonym groups and the source rules. */
export type KnowledgeBase = {
  dir: string;
  entries: Entry[];
  byId: Map<string, Entry>;
  /** tag → its description. */
  tags: Map<string, string>;
  synonyms: SynonymsFile['groups'];
  /** knowledge/sources.yaml: where entries may cite from; null when it is missing or invalid (a problem says why). */
  sources: SourcesFile | null;
};

export type LoadOutcome = { kb: KnowledgeBase; problems: KbProblem[] };

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

const zodProblems = (file: string, error: z.ZodError, code: 'schema' | 'frontmatter' = 'schema'): KbProblem[] =>
  error.issues.map((i) => ({ file, path: i.path.map(String).join('.').replace(/\.(\d+)/g, '[$1]'), code, message: i.message }));

function readYaml(path: string, shown: string, problems: KbProblem[], cache?: YamlCache): unknown {
  try {
    const text = readFileSync(path, 'utf8');
    return cache ? cache.parse(text) : yaml().parse(text);
  } catch (e) {
    problems.push({ file: shown, path: '', code: 'unreadable', message: (e as Error).message.split('\n')[0] ?? 'unreadable' });
    return undefined;
  }
}

/** Parse one entry file's text; returns the entry or the problems with it. */
export function parseEntry(text: string, file: string, cache?: YamlCache): { entry?: Entry; problems: KbProblem[] } {
  const m = FRONTMATTER.exec(text);
  if (!m) return { problems: [{ file, path: '', code: 'frontmatter', message: 'expected YAML frontmatter between --- lines at the top' }] };
  let data: unknown;
  try {
    data = cache ? cache.parse(m[1] ?? '') : yaml().parse(m[1] ?? '');
  } catch (e) {
    return { problems: [{ file, path: '', code: 'frontmatter', message: `YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const parsed = FrontmatterSchema.safeParse(data);
  if (!parsed.success) return { problems: zodProblems(file, parsed.error) };
  const entry = { ...parsed.data, body: (m[2] ?? '').trim(), file } as Entry;
  const problems: KbProblem[] = [];
  const expected = basename(file, '.md');
  if (entry.id !== expected) problems.push({ file, path: 'id', code: 'id_mismatch', message: `id "${entry.id}" must equal the file name "${expected}"` });
  return { entry, problems };
}

/**
 * Load the knowledge folder. Invalid entries are left out and reported; callers decide whether
 * problems are fatal (`kb check`) or only logged (a running bot keeps answering from the rest).
 */
export function loadKnowledge(dir: string = defaultKnowledgeDir()): LoadOutcome {
  const problems: KbProblem[] = [];
  const shown = (p: string) => relative(process.cwd(), p) || p;
  const cache = openYamlCache('knowledge');

  const tagsPath = join(dir, 'tags.yaml');
  const tags = new Map<string, string>();
  const tagsRaw = readYaml(tagsPath, shown(tagsPath), problems, cache);
  if (tagsRaw !== undefined) {
    const t = TagsFileSchema.safeParse(tagsRaw);
    if (t.success) for (const group of Object.values(t.data.groups)) for (const [tag, d] of Object.entries(group)) tags.set(tag, d);
    else problems.push(...zodProblems(shown(tagsPath), t.error));
  }

  const synPath = join(dir, 'synonyms.yaml');
  let synonyms: SynonymsFile['groups'] = [];
  const synRaw = readYaml(synPath, shown(synPath), problems, cache);
  if (synRaw !== undefined) {
    const s = SynonymsFileSchema.safeParse(synRaw);
    if (s.success) synonyms = s.data.groups;
    else problems.push(...zodProblems(shown(synPath), s.error));
  }

  const sourcesPath = join(dir, 'sources.yaml');
  let sources: SourcesFile | null = null;
  const sourcesRaw = readYaml(sourcesPath, shown(sourcesPath), problems, cache);
  if (sourcesRaw !== undefined) {
    const s = SourcesFileSchema.safeParse(sourcesRaw);
    if (s.success) sources = s.data;
    else problems.push(...zodProblems(shown(sourcesPath), s.error));
  }

  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  const entriesDir = join(dir, 'entries');
  let files: string[] = [];
  try {
    files = readdirSync(entriesDir).filter((f) => f.endsWith('.md')).sort();
  } catch (e) {
    problems.push({ file: shown(entriesDir), path: '', code: 'unreadable', message: (e as Error).message });
  }
  for (const f of files) {
    const path = join(entriesDir, f);
    const file = shown(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      problems.push({ file, path: '', code: 'unreadable', message: (e as Error).message });
      continue;
    }
    const { entry, problems: p } = parseEntry(text, file, cache);
    problems.push(...p);
    if (!entry) continue;
    const dup = byId.get(entry.id);
    if (dup) {
      problems.push({ file, path: 'id', code: 'duplicate_id', message: `id "${entry.id}" is also used by ${dup.file}` });
      continue;
    }
    byId.set(entry.id, entry);
    entries.push(entry);
  }
  cache.save();
  return { kb: { dir, entries, byId, tags, synonyms, sources }, problems };
}
