/**
 * Required literals of a regular expression: strings such that every match of the pattern contains at
 * least one of them. A text that contains none of them cannot match, so the pattern need not run, nor
 * even be compiled. The safety rules are ~800 patterns (~200 KB of regex source); compiling them all
 * on a cold start cost more than everything else `backbuddy ask` does, while a message contains the
 * literals of only a few of them.
 *
 * The analysis reads JavaScript's regex syntax without the `u`, `v`, `i`, `m` or `s` flags (how
 * safety.yaml's patterns are compiled). It is conservative: a construct it does not model exactly
 * (a class with ranges, `\w`, a backreference…) says nothing about its match, and a pattern it cannot
 * read at all gets no literals (it always runs). The idea is that of RE2's prefilter: each piece knows
 * its complete set of matches when that set is small, else what every match starts with, ends with and
 * contains.
 */

/** What is known of the strings one piece of a pattern matches; null: nothing known. */
type Info = {
  /** Every string it can match, when there are few. */
  exact: Set<string> | null;
  /** Every match starts with one of these (set when `exact` is null). */
  prefix: Set<string> | null;
  /** Every match ends with one of these (set when `exact` is null). */
  suffix: Set<string> | null;
  /** Every match contains one of these (none of them empty). */
  contains: Set<string> | null;
};

/** Above this many strings an exact set is no longer worth multiplying out (a cross product grows fast). */
const MAX_EXACT = 64;
/** Above this many strings a set of literals is not kept (the largest feature alternations of safety.yaml have ~490). */
const MAX_LITERALS = 512;
/** A class of at most this many single characters is tracked as the set of them. */
const MAX_CLASS = 8;

const UNKNOWN: Info = { exact: null, prefix: null, suffix: null, contains: null };
const EMPTY: Info = { exact: new Set(['']), prefix: null, suffix: null, contains: null };

class Unsupported extends Error {}

/**
 * The literals every match of `source` contains one of, or null when the pattern may match without
 * any (or uses syntax this reader does not know). Shortest-first, with strings that contain another
 * one left out (a text containing "legs" contains "leg").
 */
export function requiredLiterals(source: string): string[] | null {
  let info: Info;
  try {
    const p = new Parser(source);
    info = p.disjunction();
    if (!p.done()) return null; // an unmatched ')'
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  const set = info.exact && !info.exact.has('') ? info.exact : info.contains;
  return set ? minimal(set) : null;
}

/** Beyond this many literals, dropping the ones that contain another costs more than it saves. */
const MAX_PRUNED = 32;

function minimal(set: Set<string>): string[] {
  const sorted = [...set].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  if (sorted.length > MAX_PRUNED) return sorted;
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return kept;
}

const cross = (a: Set<string>, b: Set<string>): Set<string> | null => {
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
};

const union = (sets: (Set<string> | null)[], max: number): Set<string> | null => {
  const out = new Set<string>();
  for (const s of sets) {
    if (!s) return null;
    for (const x of s) out.add(x);
  }
  return out.size > max ? null : out;
};

/** A set is a usable `contains` only if every string in it is non-empty. */
const usable = (s: Set<string> | null): Set<string> | null => (s && s.size > 0 && !s.has('') ? s : null);

/** Which of two `contains` sets filters better: longer shortest string, then fewer strings. */
function better(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a) return b;
  if (!b) return a;
  const min = (s: Set<string>) => Math.min(...[...s].map((x) => x.length));
  return min(b) > min(a) || (min(b) === min(a) && b.size < a.size) ? b : a;
}

const startsOf = (i: Info) => i.exact ?? i.prefix;
const endsOf = (i: Info) => i.exact ?? i.suffix;
const containsOf = (i: Info) => usable(i.exact) ?? i.contains;

/** Pieces one after another: exact runs are multiplied out and cut where a piece is not exact. */
function concat(parts: Info[]): Info {
  let best: Set<string> | null = null;
  // The exact strings of the pieces since the last cut; null: no run open.
  let run: Set<string> | null = new Set(['']);
  // What every match starts with: the leading run, extended by the first inexact piece's prefix.
  let prefix: Set<string> | null = null;
  let cut = false;
  for (const part of parts) {
    if (part.exact) {
      const next: Set<string> | null = run ? cross(run, part.exact) : part.exact;
      if (next) {
        run = next;
        continue;
      }
      // Too many combinations: keep what the run had and start again from this piece.
      best = better(best, usable(run));
      if (!cut) prefix = run;
      cut = true;
      run = part.exact;
      continue;
    }
    const starts = startsOf(part);
    const head = run ? ((starts && cross(run, starts)) ?? run) : starts;
    best = better(best, usable(head));
    best = better(best, containsOf(part));
    if (!cut) prefix = head;
    cut = true;
    run = endsOf(part);
  }
  if (!cut) return { exact: run, prefix: null, suffix: null, contains: usable(run) };
  best = better(best, usable(run));
  return { exact: null, prefix: usable(prefix), suffix: suffixOf(parts), contains: best };
}

/** What every match of the pieces ends with: the trailing exact run, extended by the last inexact piece's suffix. */
function suffixOf(parts: Info[]): Set<string> | null {
  let run: Set<string> | null = new Set(['']);
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (part.exact) {
      const next = cross(part.exact, run);
      if (!next) return usable(run);
      run = next;
      continue;
    }
    return usable((part.suffix && cross(part.suffix, run)) ?? run);
  }
  return usable(run);
}

function alternation(options: Info[]): Info {
  if (options.length === 1) return options[0]!;
  const exact = options.every((o) => o.exact) ? union(options.map((o) => o.exact), MAX_EXACT) : null;
  if (exact) return { exact, prefix: null, suffix: null, contains: usable(exact) };
  return {
    exact: null,
    prefix: usable(union(options.map(startsOf), MAX_EXACT)),
    suffix: usable(union(options.map(endsOf), MAX_EXACT)),
    contains: union(options.map(containsOf), MAX_LITERALS),
  };
}

function repeat(atom: Info, min: number, max: number): Info {
  if (max === 0) return EMPTY;
  if (min === 1 && max === 1) return atom;
  if (min === 0) {
    // x? is x or nothing; x* and x{0,n} say nothing.
    if (max === 1 && atom.exact) {
      const exact = union([atom.exact, new Set([''])], MAX_EXACT);
      return exact ? { exact, prefix: null, suffix: null, contains: null } : UNKNOWN;
    }
    return UNKNOWN;
  }
  // At least one: every match starts and ends with a match of x, and contains one.
  return { exact: null, prefix: startsOf(atom), suffix: endsOf(atom), contains: containsOf(atom) };
}

const literal = (c: string): Info => ({ exact: new Set([c]), prefix: null, suffix: null, contains: new Set([c]) });

/** Characters that stand for themselves outside a class. */
const PLAIN = /^[^\\^$.|?*+()[\]{}]$/;
const QUANTIFIER_START = /^[*+?{]$/;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  private peek(offset = 0): string {
    return this.s.charAt(this.i + offset);
  }

  disjunction(): Info {
    const options = [this.alternative()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.alternative());
    }
    return alternation(options);
  }

  private alternative(): Info {
    const parts: Info[] = [];
    while (!this.done() && this.peek() !== '|' && this.peek() !== ')') parts.push(this.term());
    return parts.length ? concat(parts) : EMPTY;
  }

  private term(): Info {
    const c = this.peek();
    if (c === '^' || c === '$') {
      this.i++;
      return EMPTY;
    }
    if (c === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.i += 2;
      return EMPTY;
    }
    if (c === '(' && this.s.startsWith('(?', this.i) && /^\(\?<?[=!]/.test(this.s.slice(this.i, this.i + 4))) {
      // A lookaround matches no characters; what it contains is read only to find its end.
      this.i += this.peek(2) === '<' ? 4 : 3;
      this.disjunction();
      this.expect(')');
      // Annex B lets a lookahead take a quantifier; it still matches nothing.
      this.quantifier();
      return EMPTY;
    }
    const run = this.literalRun();
    if (run) return literal(run);
    const atom = this.atom();
    const q = this.quantifier();
    return q ? repeat(atom, q.min, q.max) : atom;
  }

  /** Plain characters in a row, as one literal; the last one stays out when a quantifier follows it. */
  private literalRun(): string {
    const start = this.i;
    while (PLAIN.test(this.peek()) && !QUANTIFIER_START.test(this.peek(1))) this.i++;
    return this.s.slice(start, this.i);
  }

  private atom(): Info {
    const c = this.peek();
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '.':
        this.i++;
        return UNKNOWN;
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw new Unsupported('nothing to repeat');
      case '{':
        if (/^\{\d+(?:,\d*)?\}/.test(this.s.slice(this.i))) throw new Unsupported('nothing to repeat');
        this.i++;
        return literal('{');
      default:
        this.i++;
        return literal(c);
    }
  }

  private group(): Info {
    this.i++;
    if (this.peek() === '?') {
      if (this.peek(1) === ':') this.i += 2;
      else if (this.peek(1) === '<') {
        const end = this.s.indexOf('>', this.i);
        if (end < 0 || !/^\?<[A-Za-z_$][\w$]*>$/.test(this.s.slice(this.i, end + 1))) throw new Unsupported('group name');
        this.i = end + 1;
      } else throw new Unsupported('group kind');
    }
    const inner = this.disjunction();
    this.expect(')');
    return inner;
  }

  private expect(c: string): void {
    if (this.peek() !== c) throw new Unsupported(`expected ${c}`);
    this.i++;
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.peek();
    let q: { min: number; max: number } | null = null;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return null; // Annex B: a '{' that is no quantifier is a literal, read as the next atom
      this.i += m[0].length;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity };
    }
    if (q && this.peek() === '?') this.i++; // lazy: the same strings
    return q;
  }

  /** An escape outside a class: a literal character, or a class such as \w (nothing known). */
  private escape(): Info {
    const c = this.peek(1);
    this.i += 2;
    if (c === '') throw new Unsupported('a lone backslash');
    if ('dDwWsS'.includes(c)) return UNKNOWN;
    const control: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
    if (control[c]) return literal(control[c]);
    if (c === '0' && !/\d/.test(this.peek())) return literal('\0');
    // Backreferences, \x, \u, \c, \k, \p and identity escapes of letters or digits: not modelled.
    if (/[\p{L}\p{N}_]/u.test(c)) throw new Unsupported(`escape \\${c}`);
    return literal(c);
  }

  /** [abc] as the set of its characters; negated classes, ranges and escapes such as \w say nothing. */
  private characterClass(): Info {
    this.i++;
    const negated = this.peek() === '^';
    if (negated) this.i++;
    const chars = new Set<string>();
    let simple = !negated;
    let first = true;
    for (;;) {
      if (this.done()) throw new Unsupported('unterminated class');
      const c = this.peek();
      if (c === ']') {
        this.i++;
        // [] matches nothing and [^] anything: neither is worth a literal.
        if (first) simple = false;
        break;
      }
      first = false;
      if (c === '\\') {
        const e = this.peek(1);
        this.i += 2;
        if (e === '' || /[\p{L}\p{N}_]/u.test(e)) simple = false;
        else chars.add(e);
        continue;
      }
      // A '-' between two characters is a range; first or last it is itself.
      if (c === '-' && chars.size > 0 && this.peek(1) !== ']') simple = false;
      chars.add(c);
      this.i++;
    }
    if (!simple || chars.size === 0 || chars.size > MAX_CLASS) return UNKNOWN;
    return { exact: chars, prefix: null, suffix: null, contains: chars };
  }
}
