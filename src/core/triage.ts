import { readFileSync } from 'node:fs';
import { SafetyRulesSchema, expandPattern, type Region, type SafetyRule, type SafetyRules } from './safety-schema.js';
import { err, ok, type Result } from '../common/result.js';
import { makeSpeller, type Speller } from './spelling.js';
import { openYamlCache } from '../knowledge/yaml-cache.js';
import { yaml } from '../knowledge/yaml-lazy.js';
import { Pattern } from './patterns.js';

export { SafetyRulesSchema, REGIONS, type Region, type SafetyRules } from './safety-schema.js';

/** Who a red flag is about: the writer, someone else ("my dad"), or both mentioned. */
export type About = 'self' | 'other' | 'both';
/** Where the reply is shown: decides whether it may mention a nudge command. */
export type Surface = 'cli' | 'slack' | 'discord';

/** A red flag or crisis message found in a person's text, with the complete reply to send. */
export type TriageHit = {
  ruleId: string;
  group: string;
  urgency: 'emergency' | 'same_day';
  crisis: boolean;
  about: About;
  message: string;
};
export type SafetyProblem = { file: string; path: string; message: string };

export type TriageOptions = {
  /** Overrides the region's emergency number. */
  emergencyNumber?: string;
  region?: Region;
  surface?: Surface;
  /** Features found earlier in the same conversation (names only, never text). */
  prior?: readonly string[];
};

/** Everything triage learnt from one message. */
export type Assessment = {
  hit: TriageHit | null;
  /** Features present (not negated) in this message. */
  features: string[];
  /** A general question about red flags ("what is cauda equina?"), not a report. */
  education: boolean;
  /**
   * The general question is about red flags or crisis: a rule would have fired, or alarm words or an
   * education feature are in it, had it been a report ("what goes on the first-aid poster's warning signs?").
   */
  redFlagTopic: boolean;
  /** Alarm words (sudden, collapse, bleeding, fever…) that no rule placed. */
  alarm: boolean;
  /** The alarm came from crisis language (`crisis_alarm` words or a `crisis_alarm_features` part): the safety net gives the crisis line. */
  crisisAlarm: boolean;
  /** Who the message is about, and the word for them ("dad"). */
  about: About;
  who: string | null;
};

type CompiledFeature = { patterns: Pattern[]; negatable: boolean; unless: Pattern[] };
type CompiledRule = { rule: SafetyRule; patterns: Pattern[]; unless: Pattern[] };
type Compiled = {
  rules: CompiledRule[];
  features: Map<string, CompiledFeature>;
  cues: Pattern[];
  boundaries: Pattern[];
  questions: Pattern[];
  firstPerson: Pattern[];
  general: Pattern[];
  others: Pattern[];
  self: Pattern[];
  alarm: Pattern[];
  crisisAlarm: Pattern[];
  windowSize: number;
  spell: Speller;
};

/** Sentences end at these; `unless` exclusions only look inside the sentence of a match. */
const SENTENCE_ENDS = '.!?;';
/** How far back (characters) negation looks; the word window is applied inside this slice. */
const NEGATION_REACH = 120;
const RANK = { crisis: 0, emergency: 1, same_day: 2 } as const;

/**
 * Lowercase, straight quotes, apostrophes dropped ("can't" and "cant" read the same), hyphens inside
 * words as spaces ("cross-legged"), line breaks as sentence ends, whitespace collapsed. Patterns in
 * safety.yaml are written against this form.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    // Accents off ("fièvre", "Rücken"): colleagues switch languages mid-message.
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019\u201b\u2032`´]/g, "'")
    // Quotation marks carry no meaning here: 'feel "dead"' reads as 'feel dead'.
    .replace(/[\u201c\u201d\u201f\u2033"]/g, '')
    // "my back's worse", "the fever's gone": the 's of a body word or symptom is dropped, not glued on.
    .replace(/\b(back|spine|bladder|bowel|leg|fever|temperature|temp|pain|wee|pee|bum|neck|foot|knee|hip|side|stomach|belly|chest|wound|scar|willy|penis|bottom|bits|groin|thigh|arm|hand|system)'s\b/g, '$1')
    // Scots and northern English negatives ("cannae", "dinnae", "he's no been able") read as the standard ones.
    .replace(SCOTS_NEGATIVE, (_w: string, stem: string) => SCOTS_STEMS[stem] ?? `${stem}nt`)
    .replace(/\bno (?=been\b|able\b|feeling (?:right|well)\b|working\b|right\b)/g, 'not ')
    // "she ain't been able to pee": the American and dialect "ain't been" is "hasn't been".
    .replace(/\bain'?t been\b/g, 'hasnt been')
    // "nothing's happening": the 's of nothing/something/everything is "is", not a plural.
    .replace(/\b(nothing|something|everything)'s\b/g, '$1 is')
    .replace(/\bwi\b(?= (?:my|his|her|their|the|a|sciatica|it|back)\b)/g, 'with')
    .replace(/'/g, '')
    .replace(/(?<=\w)[-\u2010\u2011](?=\w)/g, ' ')
    .replace(/\s*[\r\n]+\s*/g, '. ')
    // An ellipsis is a pause, not the end of a sentence ("a lump in my belly that like... pulses").
    .replace(/\s*(?:\.{2,}|\u2026)\s*/g, ', ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(SPLIT_SELF, '$1$2')
    .replace(SPLIT_LY, '$1ly')
    .replace(DICTATED, (phrase: string) => DICTATED_WORDS[phrase] ?? phrase)
    .replace(DIALECT_PHRASE, (phrase: string) => DIALECT_PHRASES[phrase] ?? phrase)
    .replace(DIALECT_MY, 'my ')
    .replace(DIALECT_WORD, (word: string) => DIALECT_WORDS[word] ?? word)
    .replace(DIALECT_ME, 'my ')
    .replace(/\bmeself\b/g, 'myself')
    .replace(DROPPED_G, (word: string, root: string) => (KEEP_IN.has(word) ? word : `${root}ing`));
}

const QUESTION_WORD = /(?:^|[.,:;!?] ?)(?:what|why|how|when|which) (?:even )?(?:does|do|is|are|can|should|would|did)\b/;

const SCOTS_NEGATIVE = /\b(can|could|would|did|din|do|does|dis|is|was|has|have|hiv|had|should|will|wil|win)nae\b/g;
const SCOTS_STEMS: Record<string, string> = { can: 'cant', din: 'dont', do: 'dont', dis: 'doesnt', hiv: 'havent', will: 'wont', wil: 'wont', win: 'wont' };

// "me back", "me legs": British, Irish and Australian speech for "my" before a body part or a person.
const DIALECT_ME =
  /\bme (?=(?:back|backs|legs?|feet|foot|butt|bum|arse|ass|spine|pee|wee|gut|belly|side|chest|arms?|old|brother|sister|mate|mates|wife|missus|husband|kids?|son|daughter|nan|dad|mum|mam|lower|upper|left|right|own|bits|privates|offsider|girlfriend|boyfriend|partner|breath|neck|hips?|bladder|bowels?|pushy|bike|motorbike|ute|van)\b)/g;
// Voice dictation and autocorrect split words and swap sound-alikes: "my self", "sudden ly", "sigh attica",
// "lost wait", "blatter". They are joined back before matching.
const SPLIT_SELF = /\b(my|him|her|your|them|it|our|one) (self|selves)\b/g;
const SPLIT_LY = /\b([a-z]{4,}) ly\b/g;
const DICTATED_WORDS: Record<string, string> = {
  'with out': 'without', 'pain killers': 'painkillers', 'good bye': 'goodbye', 'some where': 'somewhere', 'any more': 'anymore',
  'after noon': 'afternoon', 'down stairs': 'downstairs', 'on to': 'onto', 'arm chair': 'armchair', 'spread sheet': 'spreadsheet',
  'snow board': 'snowboard', 'pass words': 'passwords', 'osteo porosis': 'osteoporosis', 'osteo penia': 'osteopenia',
  'sigh attica': 'sciatica', 'sci atica': 'sciatica', 'sigh addica': 'sciatica', 'mela noma': 'melanoma', 'kemo': 'chemo',
  'trans plant': 'transplant', 'bio logics': 'biologics', 'h i v': 'hiv', 'crones': 'crohns', 'or ta': 'aorta', 'or tic': 'aortic',
  aneurism: 'aneurysm', blatter: 'bladder', bladda: 'bladder', unbareable: 'unbearable', 'on porpoise': 'on purpose',
  'lost wait': 'lost weight', 'losing wait': 'losing weight', 'lose wait': 'lose weight', 'of wait': 'of weight',
  'wait loss': 'weight loss', 'wait falling off': 'weight falling off', 'had a we': 'had a wee', 'numb bomb': 'numb bum',
  'pee knees': 'penis', 'eric tile': 'erectile', 'fizzy oh': 'physio', 'eppy dural': 'epidural', 'lumber': 'lumbar',
};
const DICTATED = new RegExp(`\\b(?:${Object.keys(DICTATED_WORDS).join('|')})\\b`, 'g');
// Jamaican and Caribbean English (patois) as British colleagues write it: "mi back a kill mi", "him cyaan
// pee", "she nah nyam nuttin". Only words that are not also ordinary English words are mapped.
const DIALECT_PHRASES: Record<string, string> = {
  'want to dead': 'want to die', 'wan dead': 'want to die', 'wan fi dead': 'want to die', 'fi dead': 'to die',
  'a hurt': 'hurting', 'a kill': 'killing', 'a bother': 'bothering', 'mash up': 'injured', 'two foot dem': 'both feet',
  'foot dem': 'feet', 'hot hot': 'very hot', 'bad bad': 'very bad', 'pass wata': 'pass water', 'di pickney dem': 'the child',
};
const DIALECT_PHRASE = new RegExp(`\\b(?:${Object.keys(DIALECT_PHRASES).join('|')})\\b`, 'g');
// "mi"/"him" before a body part or a person is "my"/"his"; "mi" elsewhere is "I".
const DIALECT_MY = /\bmi (?=(?:back|backs|foot|feet|leg|legs|belly|side|bottom|backside|bum|madda|mada|mother|mum|puppa|fada|father|sista|sister|bredda|brother|bredrin|husband|wife|gyal|man|son|daughter|cousin|aunty|auntie|granny|grandbaby|pickney|yout|spine|body|skin|hip|hips|chest|head|ting|wee|pee)\b)/g;
const DIALECT_WORDS: Record<string, string> = {
  cyaan: 'cant', kyaan: 'cant', caan: 'cant', cyan: 'cant', nuttin: 'nothing', nutten: 'nothing', notting: 'nothing',
  someting: 'something', sumting: 'something', nuh: 'dont', neva: 'never', miself: 'myself', mi: 'i', seh: 'says',
  di: 'the', dem: 'them', fi: 'to', pon: 'on', inna: 'in', wid: 'with', likkle: 'little', pickney: 'child',
  bredrin: 'friend', sista: 'sister', madda: 'mother', mada: 'mother', puppa: 'father', fada: 'father', gyal: 'girlfriend',
  deh: 'there', outta: 'out of', tink: 'think', jus: 'just', dat: 'that', wha: 'what', mawga: 'thin', nyam: 'eat',
  grandbaby: 'grandchild', ting: 'thing', wata: 'water', bwoy: 'boy', yout: 'youth',
};
const DIALECT_WORD = new RegExp(`\\b(?:${Object.keys(DIALECT_WORDS).join('|')})\\b`, 'g');
// "thinkin", "givin", "mornin": the dropped g of casual writing, restored so patterns need one spelling.
const DROPPED_G = /\b([a-z]{2,}[bcdfghjklmnpqrstvwxz])in\b/g;
const KEEP_IN = new Set(['within', 'begin', 'cousin', 'margin', 'basin', 'raisin', 'vitamin', 'cabin', 'robin', 'penguin', 'muffin', 'napkin', 'pumpkin', 'coffin', 'dolphin', 'satin', 'assassin', 'origin', 'insulin', 'heroin', 'aspirin', 'toxin', 'protein', 'goblin', 'violin', 'javelin', 'gremlin', 'kremlin', 'admin', 'sarin', 'bulletin', 'cumin', 'martin', 'dustbin', 'griffin', 'bodkin', 'catkin', 'gherkin', 'sherpin', 'mandolin', 'zeppelin', 'paraffin', 'lanolin', 'tarpaulin', 'porcelain', 'kevin', 'austin', 'dublin', 'berlin', 'wisconsin', 'franklin', 'lincoln', 'latin', 'akin', 'skin', 'chin', 'thin', 'shin', 'spin', 'twin', 'grin', 'herein', 'therein', 'wherein', 'nubbin', 'codein', 'tamoxifen', 'ibuprofin', 'ritalin', 'pregabalin', 'heparin', 'warfarin', 'metformin', 'melatonin', 'serotonin', 'dopamine', 'gelatin', 'resin', 'login', 'rosin', 'cretin', 'margin', 'sequin']);

/** Check the text for red flags and crisis language; null when none fires. Pure; never throws on text. */
export function triage(text: string, rules: SafetyRules, opts: TriageOptions = {}): TriageHit | null {
  return assess(text, rules, opts).hit;
}

/** Triage one message in its conversation: the hit (if any) and what was seen, for the next turn. */
export function assess(text: string, rules: SafetyRules, opts: TriageOptions = {}): Assessment {
  const c = compile(rules);
  const t = c.spell(normaliseText(text));
  const none: Assessment = { hit: null, features: [], education: false, redFlagTopic: false, alarm: false, crisisAlarm: false, about: 'self', who: null };
  if (t === '') return none;
  // A question form, or plainly general wording with a question mark ("hypothetically, if someone…?").
  const general = c.general.some((g) => g.test(t));
  // General wording asks even without a question mark when a question word follows it ("just curious: why does…").
  const asks = c.questions.some((q) => q.test(t)) || (general && (t.includes('?') || QUESTION_WORD.test(t)));
  const current = new Set<string>();
  for (const [name, f] of c.features) if (featurePresent(t, c, f)) current.add(name);
  const education = (asks && (general || !c.firstPerson.some((q) => q.test(t)))) || rules.education.features.some((f) => current.has(f));
  const prior = new Set(opts.prior ?? []);
  const present = (name: string) => current.has(name) || prior.has(name);
  const { about, who } = person(t, c);
  const base: Assessment = { ...none, features: [...current].sort(), education, about, who };

  let wouldFire = false;
  for (const r of c.rules) {
    // Once a symptom rule would fire on a general question, only crisis rules are left to try.
    if (wouldFire && !r.rule.crisis) continue;
    if (!r.rule.requires.every(present)) continue;
    if (r.rule.any.length > 0 && !r.rule.any.some(present)) continue;
    if (r.rule.none.some((name) => current.has(name))) continue;
    if (r.patterns.length > 0) {
      if (!r.patterns.some((p) => firesIn(t, p, r, c))) continue;
    } else if (![...r.rule.requires, ...r.rule.any].some((name) => current.has(name))) {
      // Features remembered from earlier turns alone never fire again: something must be new.
      continue;
    } else if (r.unless.length > 0 && r.unless.some((u) => firesUnnegated(t, u, c))) {
      // A rule made of features alone has no match to look around: its exclusions read the whole message.
      continue;
    }
    // A general question fires no symptom rule: it is answered, and noted as being about red flags.
    if (education && !r.rule.crisis) {
      wouldFire = true;
      continue;
    }
    return { ...base, hit: hitFor(rules, r.rule, { ...opts, about, who }) };
  }
  // An alarm feature with a context list counts only beside one of them (this message or earlier ones).
  const inContext = (ctx: string[] | undefined) => !ctx || ctx.length === 0 || ctx.some((g) => current.has(g) || prior.has(g));
  const crisisAlarming = c.crisisAlarm.some((a) => firesUnnegated(t, a, c)) || rules.crisis_alarm_features.some((f) => current.has(f));
  const alarming = crisisAlarming || c.alarm.some((a) => firesUnnegated(t, a, c)) || rules.alarm_features.some((f) => current.has(f) && inContext(rules.alarm_context[f]));
  const alarm = !education && alarming && !rules.alarm_unless.some((f) => current.has(f));
  const redFlagTopic = education && (wouldFire || alarming || rules.education.features.some((f) => current.has(f)));
  return { ...base, redFlagTopic, alarm, crisisAlarm: alarm && crisisAlarming };
}

/** The reply for a rule (or a classifier verdict shaped as one), in the region and for the surface. */
export function hitFor(
  rules: SafetyRules,
  rule: Pick<SafetyRule, 'id' | 'group' | 'urgency' | 'crisis'>,
  opts: TriageOptions & { about?: About; who?: string | null } = {},
): TriageHit {
  const about = opts.about ?? 'self';
  return {
    ruleId: rule.id,
    group: rule.group,
    urgency: rule.urgency,
    crisis: rule.crisis,
    about,
    message: renderMessage(rules, rule, opts, about, opts.who ?? null),
  };
}

/** The short safety-net reply for alarm words no rule placed; for crisis language, the gentle one with the region's crisis line. */
export function safetyNetMessage(rules: SafetyRules, opts: TriageOptions = {}, crisis = false): string {
  return fill(crisis ? rules.messages.crisis_net : rules.messages.safety_net, values(rules, opts, '', null));
}

/** The region's crisis line, for someone who asks for a helpline number rather than reporting a crisis. */
export function crisisInfoMessage(rules: SafetyRules, opts: TriageOptions = {}): string {
  return fill(rules.messages.crisis_info, values(rules, opts, '', null));
}

/** Parse and validate safety.yaml text; problems name the file and the path inside it. */
export function parseSafetyRules(yamlText: string, file: string): Result<SafetyRules, SafetyProblem[]> {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return err(doc.errors.map((e) => ({ file, path: `line ${lineCounter.linePos(e.pos[0]).line}`, message: e.message })));
  }
  const parsed = SafetyRulesSchema.safeParse(doc.toJS());
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message })));
}

/** Read and parse a safety.yaml file. */
export function loadSafetyRules(file: string): Result<SafetyRules, SafetyProblem[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err([{ file, path: '(root)', message: `could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  // The YAML cache saves ~130 ms of a cold start; any problem is reported by the full parser below,
  // which knows line numbers.
  try {
    const cache = openYamlCache('safety');
    const parsed = SafetyRulesSchema.safeParse(cache.parse(text));
    if (parsed.success) {
      cache.save();
      return ok(parsed.data);
    }
  } catch {
    // fall through to the parser that names the line
  }
  return parseSafetyRules(text, file);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function values(rules: SafetyRules, opts: TriageOptions, why: string, who: string | null): Record<string, string> {
  const region = rules.regions[opts.region ?? 'uk'];
  const surface = opts.surface ?? 'cli';
  return {
    emergency: opts.emergencyNumber?.trim() || region.emergency,
    place: region.place,
    urgent_care: region.urgent_care,
    crisis_line: region.crisis_line,
    why,
    who: who ?? 'them',
    nudges: surface === 'cli' ? '' : rules.messages.nudges,
  };
}

function fill(template: string, v: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => v[name] ?? whole)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function renderMessage(rules: SafetyRules, rule: Pick<SafetyRule, 'group' | 'urgency' | 'crisis'>, opts: TriageOptions, about: About, who: string | null): string {
  const m = rules.messages;
  const other = about !== 'self' && who !== null;
  const key = rule.crisis ? 'crisis' : rule.urgency;
  const template = other ? m[`${key}_other`] : m[key];
  const why = rules.groups[rule.group]?.why ?? '';
  const shown = about === 'both' && who ? `you or your ${who}` : who ? `your ${who}` : null;
  return fill(template, values(rules, opts, why, shown));
}

/** Who the message is about: someone named ("my dad") without first-person words is someone else. */
function person(t: string, c: Compiled): { about: About; who: string | null } {
  for (const p of c.others) {
    const m = p.first(t);
    const who = m?.groups?.who;
    if (!who) continue;
    const rest = t.slice(0, m.index) + ' ' + t.slice(m.index + m[0].length);
    return { about: c.self.some((s) => s.test(rest)) ? 'both' : 'other', who };
  }
  return { about: 'self', who: null };
}

function featurePresent(t: string, c: Compiled, f: CompiledFeature): boolean {
  return f.patterns.some((p) => {
    for (const m of p.matchAll(t)) {
      if (f.negatable && negated(t, m.index, c)) continue;
      if (f.unless.length > 0) {
        const sentence = sentenceAround(t, m.index, m.index + m[0].length);
        if (f.unless.some((u) => firesUnnegated(sentence, u, c))) continue;
      }
      return true;
    }
    return false;
  });
}

function firesUnnegated(t: string, p: Pattern, c: Compiled): boolean {
  for (const m of p.matchAll(t)) if (!negated(t, m.index, c)) return true;
  return false;
}

/** A match fires unless a cue negates it or an `unless` pattern excuses its sentence. */
const SINCERE = /\b(?:i mean it|not (?:lol|joking|kidding)|im (?:not joking|serious|being serious)|i am serious|seriously though|no joke)\b/;

function firesIn(t: string, pattern: Pattern, r: CompiledRule, c: Compiled): boolean {
  for (const m of pattern.matchAll(t)) {
    const start = m.index;
    if (r.rule.negatable && negated(t, start, c)) continue;
    // "…lol. not lol actually. i mean it": a joke taken back anywhere in the message excuses no crisis wording.
    if (r.unless.length > 0 && !(r.rule.crisis && SINCERE.test(t))) {
      const sentence = sentenceAround(t, start, start + m[0].length);
      // An excuse that is itself negated ("not coughing or sneezing, just leaks") excuses nothing.
      if (r.unless.some((u) => firesUnnegated(sentence, u, c))) continue;
    }
    return true;
  }
  return false;
}

// "no numbness… well actually a bit round my back passage": a correction after a denial takes it back.
// A denial taken back starts a clause ("no numbness... well actually a bit"); "which stretches are
// actually safe?" takes nothing back.
const TAKEN_BACK = /^[^?]{0,100}?(?:^|[.,;:!-] ?|\b(?:but|well|oh|hmm|wait|ok|okay|um|and|though) )(?:well actually|actually|now (?:that )?i think about it|come to think of it|scratch that|on second thought)\b(?! no\b| not\b)/;

/** Is there a negation cue among the last few words of the clause before `start`? */
function negated(t: string, start: number, c: Compiled): boolean {
  if (TAKEN_BACK.test(t.slice(start))) return false;
  let before = t.slice(Math.max(0, start - NEGATION_REACH), start);
  let clauseStart = 0;
  for (const b of c.boundaries) for (const m of b.matchAll(before)) clauseStart = Math.max(clauseStart, m.index + m[0].length);
  before = before.slice(clauseStart);
  const words = before.trim().split(' ').filter(Boolean);
  const window = words.slice(-c.windowSize).join(' ');
  return window !== '' && c.cues.some((cue) => cue.test(window));
}

function sentenceAround(t: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_ENDS.includes(t.charAt(from - 1))) from--;
  let to = end;
  while (to < t.length && !SENTENCE_ENDS.includes(t.charAt(to))) to++;
  return t.slice(from, to);
}

const cache = new WeakMap<SafetyRules, Compiled>();

/** Readies the rules' patterns ahead of the first message (and, from `npm run build`, caches their literals). */
export function prepareSafetyRules(rules: SafetyRules): void {
  compile(rules);
}

function compile(rules: SafetyRules): Compiled {
  const hit = cache.get(rules);
  if (hit) return hit;
  const made: Pattern[] = [];
  const re = (source: string) => {
    const expanded = expandPattern(source, rules.fragments);
    // The schema already rejected unknown fragments and invalid patterns; this is a bug if it throws.
    if (!expanded.ok) throw new Error(`safety rules were not validated: ${expanded.message}`);
    const p = new Pattern(expanded.source);
    made.push(p);
    return p;
  };
  const ordered = rules.rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => rank(a.rule) - rank(b.rule) || a.index - b.index);
  const compiled: Compiled = {
    rules: ordered.map(({ rule }) => ({ rule, patterns: rule.patterns.map(re), unless: rule.unless.map(re) })),
    features: new Map(Object.entries(rules.features).map(([name, f]) => [name, { patterns: f.patterns.map(re), negatable: f.negatable, unless: f.unless.map(re) }])),
    cues: rules.negation.cues.map(re),
    boundaries: rules.negation.boundaries.map(re),
    questions: rules.education.questions.map(re),
    firstPerson: rules.education.first_person.map(re),
    general: rules.education.general.map(re),
    others: rules.person.others.map(re),
    self: rules.person.self.map(re),
    alarm: rules.alarm.map(re),
    crisisAlarm: rules.crisis_alarm.map(re),
    windowSize: rules.negation.window,
    spell: makeSpeller(rules.spelling.keywords, rules.spelling.leave),
  };
  Pattern.prepare(made);
  cache.set(rules, compiled);
  return compiled;
}

const rank = (r: SafetyRule) => (r.crisis ? RANK.crisis : RANK[r.urgency]);
