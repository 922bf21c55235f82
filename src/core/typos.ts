import { createHash } from 'node:crypto';
import { editDistance } from './spelling.js';

/**
 * Typo repair for questions, against the knowledge base's own vocabulary. A word the knowledge base
 * (or plain English glue) already uses is never changed; an unknown word is read as the nearest
 * topic word: one edit for words of three to six letters ("bak" → "back", "stif" → "stiff",
 * "helth" → "health"), two for longer ones ("exersize" → "exercise", "morining" → "morning").
 * Topic words are the domain's own (spine, sciatica, hamstrings, routine names), so an everyday
 * word the library never uses is left alone unless it is one slip from one of them. Pure.
 */
export type QuerySpeller = (lower: string) => string;

/** Where the generated list of real words the speller must leave alone is kept, in the knowledge dir. */
export const WORD_GUARD_FILE = 'everyday-words.txt';

/** A short fingerprint of the speller's targets: the word guard says which targets it was built for. */
export function targetsFingerprint(targets: Iterable<string>): string {
  return createHash('sha256').update([...new Set(targets)].sort().join('\n')).digest('hex').slice(0, 16);
}

/** Read the word guard: its fingerprint line and its words (one a line). */
export function parseWordGuard(text: string): { fingerprint: string | null; words: Set<string> } {
  const lines = text.split('\n');
  const head = /^# targets ([0-9a-f]+)/.exec(lines[0] ?? '');
  return { fingerprint: head?.[1] ?? null, words: new Set(lines.filter((l) => l && !l.startsWith('#'))) };
}

/**
 * A slip that only a typist makes: two neighbouring letters swapped ("pian" for "pain") or one of a
 * doubled pair dropped ("pilow" for "pillow"). Such a word is read as the topic word even when it is
 * also a rare dictionary word (the word guard has "pian" and "pilow").
 */
export function typoShaped(word: string, target: string): boolean {
  if (word.length === target.length) {
    const diff = [...word].flatMap((c, i) => (c === target[i] ? [] : [i]));
    return diff.length === 2 && diff[1] === diff[0]! + 1 && word[diff[0]!] === target[diff[1]!] && word[diff[1]!] === target[diff[0]!];
  }
  if (target.length !== word.length + 1) return false;
  for (let i = 1; i < target.length; i++) {
    if (target[i] === target[i - 1] && target.slice(0, i) + target.slice(i + 1) === word) return true;
  }
  return false;
}

/**
 * `known`: words never changed (the library's own, glue words). `guarded`: real words the library
 * never uses, left alone unless they are a typist's slip (see `typoShaped`) from one of `slipTargets`,
 * the words only a back-pain question uses ("pain", "pillow", "bladder").
 */
export function makeQuerySpeller(
  targets: Iterable<string>,
  known: (word: string) => boolean,
  guarded: (word: string) => boolean = () => false,
  slipTargets: Iterable<string> = [],
): QuerySpeller {
  const pool = [...new Set([...targets].map((w) => w.toLowerCase()).filter((w) => /^[a-z]{4,}$/.test(w)))];
  const slips = [...new Set([...slipTargets].map((w) => w.toLowerCase()).filter((w) => /^[a-z]{4,}$/.test(w)))];
  const cache = new Map<string, string>();
  const fix = (word: string): string => {
    if (word.length < 3 || known(word)) return word;
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    if (guarded(word)) {
      const slip = word.length >= 4 ? slips.find((t) => typoShaped(word, t)) : undefined;
      cache.set(word, slip ?? word);
      return slip ?? word;
    }
    const max = word.length >= 7 ? 2 : 1;
    let best = word;
    let bestD = max + 1;
    for (const t of pool) {
      // Three-letter words only grow by one letter ("bak" → "back"); two edits keep the first letter.
      if (word.length === 3 && t.length !== 4) continue;
      const d = editDistance(word, t, Math.min(max, bestD - 1));
      if (d > max || (d === 2 && t[0] !== word[0])) continue;
      if (d < bestD) {
        best = t;
        bestD = d;
      }
    }
    if (cache.size > 5000) cache.clear();
    cache.set(word, best);
    return best;
  };
  // "gaba pentin", "pre gab a lin", "para set a mole": a long domain word typed as it sounds, in
  // pieces. Two to four neighbouring words, at least one of them unknown, that together spell a
  // topic word of eight letters or more (one slip allowed, two from ten letters, same first letter)
  // are read as it.
  const joinable = pool.filter((t) => t.length >= 8);
  // "fizzy oh", "sigh attica", "eye brew profen": pieces that are real words, but together sound
  // like a domain word of six letters or more. Read by sound (soundKey): the same sounds, or one slip
  // from nine. Every piece has two letters or more, some piece is not a word the library uses, and
  // no piece of four letters or more is one ("lifting a" stays as it is).
  const bySound = pool.filter((t) => t.length >= 6).map((t) => [t, soundKey(t)] as const);
  const joinBySound = (pieces: string[]): string | null => {
    if (pieces.some((w) => w.length < 2 || (w.length >= 4 && known(w))) || pieces.every((w) => known(w))) return null;
    const key = soundKey(pieces.join(''));
    if (key.length < 5) return null;
    const max = key.length >= 9 ? 1 : 0;
    let best: string | null = null;
    let bestD = max + 1;
    for (const [t, k] of bySound) {
      if (k[0] !== key[0]) continue;
      const d = editDistance(key, k, Math.min(max, bestD - 1));
      if (d < bestD) {
        best = t;
        bestD = d;
      }
    }
    return best;
  };
  const join = (pieces: string[]): string | null => {
    if (pieces.every((w) => known(w) || guarded(w))) return joinBySound(pieces);
    const joined = pieces.join('');
    if (joined.length < 7) return null;
    const max = joined.length >= 10 ? 2 : 1;
    let best: string | null = null;
    let bestD = max + 1;
    for (const t of joinable) {
      if (t[0] !== joined[0]) continue;
      const d = editDistance(joined, t, Math.min(max, bestD - 1));
      if (d < bestD) {
        best = t;
        bestD = d;
      }
    }
    return best ?? joinBySound(pieces);
  };
  const joinPieces = (lower: string): string => {
    const tokens = lower.split(/( +)/);
    const words = tokens.filter((_, i) => i % 2 === 0);
    if (words.every((w) => !/^[a-z]+$/.test(w) || known(w))) return lower;
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let taken = 0;
      for (let k = Math.min(4, words.length - i); k >= 2 && !taken; k--) {
        const pieces = words.slice(i, i + k);
        if (!pieces.every((w) => /^[a-z]+$/.test(w) && w.length <= 6)) continue;
        const hit = join(pieces);
        if (hit) {
          out.push(hit);
          taken = k;
        }
      }
      if (!taken) {
        out.push(words[i]!);
        taken = 1;
      }
      i += taken;
    }
    return out.join(' ');
  };
  return (lower) => joinPieces(lower).replace(/[a-z]+/g, fix);
}

/**
 * How a word sounds, roughly, for English spelt by ear: "ph" and "f", "c"/"k"/"q", "s"/"z", the
 * long-i spellings ("igh", "eye", "y") and the oo spellings ("ew", "oo") each become one letter,
 * doubled letters become one, and a silent "h" after a vowel or at the end is dropped
 * ("fizzy oh" and "physio" both read "fisio"; "sigh attica" and "sciatica" both "siatika"). Pure.
 */
export function soundKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/eye|igh|ye\b/g, 'i')
    .replace(/sc(?=[iey])/g, 's')
    .replace(/c(?=[iey])/g, 's')
    .replace(/ck|c|q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/ee|ea|ie|ey|y/g, 'i')
    .replace(/ew|oo|ou/g, 'u')
    .replace(/([aeiou])h/g, '$1')
    .replace(/(.)\1+/g, '$1');
}
