// The baseline for bench:cold: a bare script that loads the same knowledge entries (knowledge/entries/*.md,
// YAML front matter and body) into MiniSearch and answers one query, printing the best entry's summary.
// No safety rules, no classifier, no synonyms, no checks: what "look it up" costs at the least.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';

const dir = join(process.argv[2] ?? '.', 'knowledge', 'entries');
const query = process.argv[3] ?? 'why do my hips ache after sitting all day?';
type Doc = { id: string; title: string; questions: string; summary: string; body: string; tags: string };
const docs: Doc[] = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => {
  const text = readFileSync(join(dir, f), 'utf8');
  const end = text.indexOf('\n---', 3);
  const meta = parse(text.slice(3, end)) as { id: string; title: string; questions?: string[]; summary?: string; tags?: string[] };
  return { id: meta.id, title: meta.title, questions: (meta.questions ?? []).join(' \n '), summary: meta.summary ?? '', body: text.slice(end + 4), tags: (meta.tags ?? []).join(' ') };
});
const ms = new MiniSearch<Doc>({ fields: ['title', 'questions', 'summary', 'body', 'tags'], storeFields: ['summary'] });
ms.addAll(docs);
const [best] = ms.search(query, { prefix: true, fuzzy: 0.2 });
process.stdout.write(`${best ? String(best.summary) : 'no match'}\n`);
