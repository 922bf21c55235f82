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

export function looksNotEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length >= 4) {
    const latin = letters.filter((c) => /[a-zA-Z\u00C0-\u024F]/.test(c)).length;
    if (latin / letters.length < 0.5) return true;
  }
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
