/**
 * Chat and second-language wordings read as the plain English question they are, before a message
 * is read as a follow-up or searched. Each rule is about the shape of a sentence, not a topic:
 *
 * - sentence particles at the end of a clause ("why ah?", "already tried all that lah", "really must do meh");
 * - a yes/no question closed with "or not" ("can do while sitting or not", "got link between smoking and back pain or not");
 * - "got" opening a question for "is there" ("got version i can do sitting?", "got any tips ah");
 * - a question with no "I" ("can do it sitting?", "how long must hold", "can still run with back pain?");
 * - a verb with no object before where or when ("can i do while sitting", "what else can try");
 * - "every how often" for "how often", and "wat" for "what";
 * - a question in the order of a statement ("the pain will go by itself?", "it can go away on its own?");
 * - "me" for "my" before a part of the body ("tweaked me back", "run with me back a bit sore").
 */
const PARTICLES = /(?<=[a-z0-9'])\s+(ah|lah|leh|lor|meh|hor|sia|mah|liao)(?=\s*([?!.,]|$))/g;
const OR_NOT = /\s+or not(?=\s*([?!.,]|$))/g;
const GOT_OPENS = /^got (?!(it|that|this|you|ya|cha|me|to|a bad|an? (bad|sore|stiff)|back pain|my|the same)\b)(a |an |any |some )?/;
/** A modal and a verb with no one doing it: "can do", "must hold", "can still run", "need to do". */
const NO_SUBJECT = /(^|[?!.,]\s*|\b(?:how long|how often|how many times|how many \w+|what|what else|when|where|which one|really|still|also|then|so|and|but|else)\s+)(can|could|must|should|need to|have to)\s+(?=(still |also |just |even |only )?(do|hold|use|try|take|run|swim|lift|go|sit|stretch|rest|put|wear|sleep|drink|eat|exercise|work|carry|bend)\b)/g;
/** "can i do while sitting", "what else can i try?": the object is the thing just talked about. */
const NO_OBJECT = /\b(i|you|u|we) (do|try|use|hold|take)(?=\s*([?!.,]|$)|\s+(while|when|whilst|sitting|seated|standing|at|in|on|during|before|after|every|each|daily|if|with)\b)/g;

/** "safe if i got slipped disc?", "ok with my asthma?": "is it" left out. */
const SAFE_OPENS = /^(safe|ok|okay|alright|fine|dangerous|risky|bad) (?=(if|with|for|when|while|during|to|at|in|after|before)\b)/;
/** A yes/no question: its missing object is the thing just talked about ("what can i do" has one: "what"). */
const YES_NO = /^(can|could|is there|are there|should|must|will|would|do|does|any)\b/;

/** "the pain will go by itself or i must see doctor?", "it can go away on its own?": a question in the order of a statement. */
const STATEMENT_ORDER = /^(it|this|that|the pain|the ache|my pain|this pain) (will|would|can|could|should) (?=([\w']+ ){0,10}[\w']+\s*\?\s*$)/;

/** "me back", "me neck": "my" in Irish, British and Australian speech. Not "give me back", "get me back to work". */
const ME_FOR_MY = /(?<!\b(give|gave|giving|get|got|getting|bring|brought|take|took|send|sent|call|text|ring|pay|paid|want|wants|let|put|write|message)\s)\bme (back|neck|hips?|shoulders?|knees?|legs?|bum|spine)\b(?!\s+(to|on|into|from|then|when|up|home|later|soon)\b)/g;

export function plainWording(lower: string): string {
  return lower
    .replace(STATEMENT_ORDER, (_m, who: string, verb: string) => `${verb} ${who} `)
    .replace(/\bwat\b/g, 'what')
    .replace(ME_FOR_MY, 'my $2')
    .replace(PARTICLES, '')
    .replace(OR_NOT, '')
    .replace(SAFE_OPENS, 'is it $1 ')
    .replace(/\bevery how (often|long|many)\b/g, 'how $1')
    .replace(GOT_OPENS, (_m, article: string | undefined) => `is there ${article ?? 'a '}`)
    .replace(NO_SUBJECT, (_m, before: string, modal: string) => `${before}${modal} i `)
    .replace(/^.*$/, (t) => (YES_NO.test(t) ? t.replace(NO_OBJECT, (_m, who: string, verb: string) => `${who} ${verb} it`) : t));
}
