/**
 * A light check for messages not in English. backbuddy's content is English only, so it says so
 * politely rather than guessing at an answer. Two signals: mostly non-Latin letters, or several
 * common function words of other European languages and none of English.
 */
const FOREIGN = new Set(
  `el la los las es está estoy tengo me mi duele espalda dolor que por para una uno del muy pero
le les est je suis ai mal au dos douleur pour avec une des très mais pas
der das ist ich habe mir mein meine rücken rückenschmerzen schmerzen nicht und mit sehr aber
il lo gli sono ho mal di schiena dolore non
eu tenho minha meu dor nas costas estou com não muito
ik heb mijn rug pijn niet een het`.split(/\s+/),
);
const ENGLISH = new Set('the i my is it and to a of in what how why do does can you me with for on have has back pain'.split(' '));

const LETTER = /\p{L}/u;
const LATIN = /[a-zA-Z\u00C0-\u024F]/;

/** Letters in the text, and how many of them are Latin, counted by code point without collecting them. */
function letterCounts(text: string): { letters: number; latin: number } {
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      // ASCII: a letter is a-z or A-Z, and Latin.
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) {
        letters++;
        latin++;
      }
      continue;
    }
    const point = String.fromCodePoint(text.codePointAt(i)!);
    i += point.length - 1;
    if (LETTER.test(point)) {
      letters++;
      if (LATIN.test(point)) latin++;
    }
  }
  return { letters, latin };
}

export function looksNotEnglish(text: string): boolean {
  const { letters, latin } = letterCounts(text);
  if (letters >= 4 && latin / letters < 0.5) return true;
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  if (words.length < 2) return false;
  let foreign = 0;
  let english = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) english++;
    else if (FOREIGN.has(w)) foreign++;
  }
  return foreign >= 2 && foreign > english * 2;
}
