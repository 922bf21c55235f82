/**
 * Greetings, sign-offs and politeness words around a question ("Good afternoon, … Regards, D. Patel",
 * "Dear team, … Many thanks.", "Kindly advise …") say nothing about its topic, but their words are
 * searched like any other: "good", "afternoon", "team", "thank" and a name can outvote the question's
 * own words. They are taken off before a message is searched; a message that is nothing else is kept.
 */
const OPENING = /^(good (morning|afternoon|evening|day)|hello|hiya|hi|hey|greetings|dear (team|all|sir|madam|sir or madam|colleagues|backbuddy|bot))( (team|all|there|everyone|backbuddy|bot))?\s*[,.!:;-]*\s+/;
const CLOSING = /(^|[.!?,;]\s*|\s+)((many|much) thanks|thanks? (you )?(so much|very much|in advance|a lot)|thank you|thanks|thx|tia|(kind|best|warm|many) regards|regards|cheers|best wishes)( and regards)?\s*[,.!]*(\s*-?\s*[a-z][a-z.]*(\s[a-z][a-z.]*)?)?\s*[.!]*\s*$/;
const POLITE = /\b(kindly|please|pls|plz)( (advise|advice|suggest|let me know))?\b\s*/g;

export function withoutCourtesy(lower: string): string {
  const out = lower.replace(OPENING, '').replace(CLOSING, '$1').replace(POLITE, '').trim();
  return /[\p{L}\p{N}]/u.test(out) ? out : lower;
}
