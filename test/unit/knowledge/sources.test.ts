// knowledge/sources.yaml: the allow-list of publishers, the rejected copy hosts and the withdrawn
// reviews, and the one line `kb check` prints for each cited URL that breaks them.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { checkKnowledge } from '../../../src/knowledge/check.js';
import { formatProblem } from '../../../src/knowledge/problems.js';
import { defaultKnowledgeDir } from '../../../src/knowledge/paths.js';
import { SourcesFileSchema } from '../../../src/knowledge/schema.js';
import { sourceJudge } from '../../../src/knowledge/sources.js';
import { runKb } from '../../../src/cli/kb.js';
import { loadConfig } from '../../../src/config/load.js';

const TODAY = new Date('2026-11-26T00:00:00Z');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A one-entry knowledge folder citing `urls`, with the real sources.yaml unless one is given. */
function folder(urls: string[], sourcesYaml?: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-sources-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'entries'));
  writeFileSync(join(dir, 'tags.yaml'), 'groups:\n  body:\n    sitting: Sitting.\n');
  writeFileSync(join(dir, 'synonyms.yaml'), 'groups: []\n');
  if (sourcesYaml === undefined) copyFileSync(join(defaultKnowledgeDir(), 'sources.yaml'), join(dir, 'sources.yaml'));
  else if (sourcesYaml !== null) writeFileSync(join(dir, 'sources.yaml'), sourcesYaml);
  const sources = urls.map((u) => `  - title: A source\n    publisher: Someone\n    url: "${u}"\n    year: 2020`).join('\n');
  writeFileSync(
    join(dir, 'entries', 'a.md'),
    `---\nid: a\ntitle: An entry\nkind: faq\ntags: [sitting]\nquestions:\n  - first way to ask\n  - second way to ask\n  - third way to ask\nsummary: Short and plain. Move often. It helps many people feel less stiff.\nsources:\n${sources}\nreviewed: 2026-11-01\nrelated: []\n---\nBody text.\n`,
  );
  return dir;
}

function problemsFor(dir: string) {
  const { kb, problems } = loadKnowledge(dir);
  return [...problems, ...checkKnowledge(kb, TODAY, { distinct: false })]
    .filter((p) => p.code !== 'underused_tag')
    .map((p) => ({ ...p, file: p.file.replace(/^.*\/(entries\/|sources\.yaml)/, (_m, g: string) => g) }));
}

const check = (...urls: string[]) => problemsFor(folder(urls));

describe('source allow-list (knowledge/sources.yaml)', () => {
  it('allows the canonical publishers, their subdomains, DOIs and the English Cochrane page', () => {
    expect(
      check(
        'https://www.nhs.uk/conditions/back-pain/',
        'https://www.guysandstthomas.nhs.uk/health-information/low-back-pain/physiotherapy-and-exercises',
        'https://www.nice.org.uk/guidance/ng59',
        'https://doi.org/10.1136/bjsports-2019-100886',
        'https://bjsm.bmj.com/content/54/12/698',
        'https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD009790.pub2/full',
        'https://pubmed.ncbi.nlm.nih.gov/20007994/',
      ),
    ).toEqual([]);
  });

  it('fails on a domain that is not on the list, naming file, path and URL', () => {
    const p = check('https://www.nhs.uk/conditions/back-pain/', 'https://www.example-health-blog.com/back');
    expect(p.map((x) => x.code)).toEqual(['source_not_allowed']);
    expect(formatProblem(p[0]!)).toBe(
      'entries/a.md: sources[1].url: https://www.example-health-blog.com/back: www.example-health-blog.com is not on the allow-list in knowledge/sources.yaml; cite the publisher\'s own page (or, if www.example-health-blog.com is the publisher, add it there)',
    );
  });

  it('does not take a look-alike host for an allowed domain', () => {
    expect(check('https://notnhs.uk/back-pain', 'https://nhs.uk.example.com/back').map((x) => x.code)).toEqual(['source_not_allowed', 'source_not_allowed']);
  });

  it('fails on a rejected copy host and gives its reason', () => {
    const p = check('https://bridgestreetsurgery.co.uk/health-information/4205-2/back-pain');
    expect(p.map((x) => x.code)).toEqual(['source_rejected']);
    expect(formatProblem(p[0]!)).toMatch(/^entries\/a\.md: sources\[0\]\.url: https:\/\/bridgestreetsurgery\.co\.uk\/\S+: rejected host bridgestreetsurgery\.co\.uk: a GP-practice copy of NHS text; cite the nhs\.uk page/);
  });

  it.each([
    ['a translated Cochrane page (suffix)', 'https://cochranelibrary.com/cdsr/doi/10.1002/14651858.CD001823.pub3/full/zh_HANS'],
    ['a translated Cochrane page (prefix)', 'https://www.cochranelibrary.com/es/cdsr/doi/10.1002/14651858.CD005958.pub3/full'],
    ['a Cochrane page with a tracking query', 'https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD010265.pub2/full?highlightAbstract=pilates'],
    ['the retired NICE Pathways under the allowed nice.org.uk', 'https://pathways.nice.org.uk/pathways/low-back-pain-and-sciatica'],
    ['an archive host', 'https://webarchive.library.unt.edu/eot2008/20090115231633/http://www.osha.gov/SLTC/etools/computerworkstations/index.html'],
    ['a forum copy', 'https://www.dermatalk.com/forums/showthread.php/9256'],
    ['a document-sharing copy on a subdomain', 'https://ar.scribd.com/document/380162867/x'],
  ])('rejects %s', (_name, url) => {
    expect(check(url).map((x) => x.code)).toEqual(['source_rejected']);
  });

  it('keeps the English Cochrane page allowed', () => {
    expect(check('https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD010265.pub2/full/en')).toEqual([]);
  });

  it.each([
    ['on the Cochrane Library', 'https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD004750.pub2/full'],
    ['as a DOI link', 'https://doi.org/10.1002/14651858.CD004750.pub2'],
    ['with its search highlight (withdrawn wins over rejected)', 'https://cochranelibrary.com/cdsr/doi/10.1002/14651858.CD004750.pub2/full?highlightAbstract=heat%7Cwithdrawn'],
  ])('fails on the withdrawn heat-or-cold review %s', (_name, url) => {
    const p = check(url);
    expect(p.map((x) => x.code)).toEqual(['source_withdrawn']);
    expect(p[0]!.message).toContain('withdrawn review "Superficial heat or cold for low back pain"');
    expect(p[0]!.message).toContain(url);
  });

  it('does not take another review for the withdrawn one because its number starts the same', () => {
    const judge = sourceJudge(SourcesFileSchema.parse({ allowed: [{ domain: 'doi.org', publisher: 'DOI' }], withdrawn: [{ doi: '10.1002/14651858.CD004750', title: 'Heat', reason: 'withdrawn by Cochrane' }] }));
    expect(judge('https://doi.org/10.1002/14651858.CD0047501').ok).toBe(true);
    expect(judge('https://doi.org/10.1002/14651858.CD004750').ok).toBe(false);
  });

  it('makes `kb check` exit 1 with one line per problem', async () => {
    const dir = folder(['https://tomruble.com/article/back-pain-symptoms-and-causes', 'https://www.nhs.uk/conditions/sciatica/']);
    const out: string[] = [];
    const loaded = loadConfig({ KNOWLEDGE_DIR: dir }, '/nonexistent');
    if (!loaded.ok) throw new Error(loaded.error);
    const config = loaded.value;
    expect(await runKb(['check'], { out: (s) => out.push(s), err: () => {}, config }, TODAY)).toBe(1);
    expect(out.filter((l) => l.includes('tomruble.com'))).toEqual([expect.stringMatching(/entries\/a\.md: sources\[0\]\.url: https:\/\/tomruble\.com\/\S+: rejected host tomruble\.com: .*mayoclinic\.org/)]);
  });
});

describe('a malformed sources.yaml', () => {
  const url = 'https://www.nhs.uk/conditions/back-pain/';
  const codes = (yaml: string | null) => problemsFor(folder([url], yaml)).map((p) => `${p.file}: ${p.path}: ${p.code}`);

  it.each([
    ['no allow-list', 'rejected: []\n', 'sources.yaml: allowed: schema'],
    ['a host with a scheme', 'allowed:\n  - domain: https://nhs.uk\n    publisher: NHS\n', 'sources.yaml: allowed[0].domain: schema'],
    ['a misspelt key', 'allowed:\n  - domain: nhs.uk\n    publsher: NHS\n', 'sources.yaml: allowed[0]: schema'],
    ['a rejected path that is not a regular expression', 'allowed:\n  - domain: nhs.uk\n    publisher: NHS\nrejected:\n  - host: cochranelibrary.com\n    path: "(unclosed"\n    reason: translated pages\n', 'sources.yaml: rejected[0].path: schema'],
    ['a domain listed twice', 'allowed:\n  - domain: nhs.uk\n    publisher: NHS\n  - domain: nhs.uk\n    publisher: NHS again\n', 'sources.yaml: allowed[1].domain: schema'],
    ['a host both allowed and rejected', 'allowed:\n  - domain: nhs.uk\n    publisher: NHS\nrejected:\n  - host: nhs.uk\n    reason: a copy of itself\n', 'sources.yaml: rejected[0].host: schema'],
    ['a withdrawn review without a DOI', 'allowed:\n  - domain: nhs.uk\n    publisher: NHS\nwithdrawn:\n  - doi: CD004750\n    title: Heat\n    reason: withdrawn by Cochrane\n', 'sources.yaml: withdrawn[0].doi: schema'],
    ['broken YAML', 'allowed: [\n', 'sources.yaml: : unreadable'],
  ])('fails on %s', (_name, yaml, expected) => {
    expect(codes(yaml)).toContain(expected);
  });

  it('fails when sources.yaml is missing', () => {
    expect(codes(null)).toEqual([expect.stringMatching(/sources\.yaml: : unreadable$/)]);
  });

  it('is valid as shipped', () => {
    const { kb, problems } = loadKnowledge();
    expect(problems.filter((p) => p.file.endsWith('sources.yaml'))).toEqual([]);
    expect(kb.sources?.allowed.length).toBeGreaterThan(10);
    expect(kb.sources?.withdrawn.map((w) => w.doi)).toContain('10.1002/14651858.CD004750');
  });
});
