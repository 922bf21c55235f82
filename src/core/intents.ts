/**
 * Social intents: short messages that are not questions about backs. Matched on the whole
 * (normalised) message, so "thanks, but my hip still hurts" is not mistaken for plain thanks.
 */
export type Intent =
  | 'greeting' | 'thanks' | 'help' | 'about' | 'farewell' | 'ack' | 'how_are_you'
  | 'joke' | 'praise' | 'complaint' | 'stop' | 'bored'
  /** Asking for a helpline number: answered with the region's crisis line (src/core/reply.ts), not a canned line. */
  | 'helpline';

const RULES: [Intent, RegExp][] = [
  ['greeting', /^(hi+|hey+|hello+|hiya|yo|howdy|good (morning|afternoon|evening)|morning|evening|hei|hallo|greetings|sup|what'?s up|happy (monday|friday|weekend)|hi there|hello there)( (there|backbuddy|bot|buddy|friend|all|team|everyone))?$/],
  ['thanks', /^(thanks?( you)?( so much| a lot| very much)?|thx|ty|cheers|ta|many thanks|thank u|much appreciated|appreciate it|that helped|that'?s helpful|helpful|great,? thanks)( (backbuddy|bot|buddy|mate))?$/],
  ['help', /^(help|help me|what can you do|what do you do|how do (i|you) use (this|you)|commands|menu|options|what can i ask( you)?|how does this work|what are you for|usage)$/],
  ['about', /^(who are (you|u)|what are (you|u)|(are|r) (you|u) (a |an )?(bot|human|real|robot|ai|person|doctor|real doctor|nurse|physio)|who (made|built|wrote|created) (you|u|this)|what is backbuddy|who'?s backbuddy|is this a bot)$/],
  ['farewell', /^(bye+|goodbye|see (you|ya)( later)?|cya|good ?night|later|ttyl|have a good (one|day|weekend)|take care)$/],
  // One acknowledgement or a few in a row: "ok", "ok got it", "alright cool", "ah ok fair enough".
  ['ack', /^(ok+|okay|k|cool|nice|got it|gotcha|sure|alright|fine|great|perfect|awesome|noted|understood|fair enough|sounds good|will do|lol+|haha+|hmm+|yes|no|yep|nope|yeah|nah|right|i see|makes sense|wow|oh|ah|sweet( as)?|brill|ace|grand|class|deadly|beaut|bonza|all good|no worries|right so|grand so|good stuff|too easy|lovely|magic|sound)( (ok+|okay|cool|nice|got it|gotcha|sure|alright|fine|great|perfect|awesome|noted|understood|fair enough|sounds good|will do|i see|makes sense|right|then|so|as|mate))*$/],
  ['how_are_you', /^(how are (you|u)( doing| today)?|how'?s it going|how r u|hru|how do you feel|you ok|how have you been)$/],
  ['joke', /^(tell me a joke|(say|tell me) something funny|joke|make me laugh|got any jokes)$/],
  ['praise', /^(good bot|great bot|you'?re (great|awesome|the best|amazing|helpful)|love (you|it|this)|i love you|well done|nice one)$/],
  ['complaint', /^(bad bot|you'?re (useless|stupid|dumb|rubbish|wrong|bad)|useless|that'?s wrong|wrong answer|not helpful|that didn'?t help|this is useless|stupid bot)$/],
  ['stop', /^(stop|mute|shut up|be quiet|unsubscribe|stop (it|nudging me|the nudges|reminders|reminding me)|no more (nudges|reminders)|turn (off|nudges off))$/],
  ['bored', /^((i'?m|i am|im) )?(so |really )?bored( at (my|the) desk| at work| here)?$|^(i )?need a break$/],
];

/** Normalise for intent matching: lowercase, strip emoji and punctuation at the edges. */
export function normaliseForIntent(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Thanks and acknowledgements people send after an answer: "thanks that helped", "cheers, will try
// that", "perfect ty", "👍". Only short messages with no question and nothing still wrong.
const THANKS_WORDS = /\b(thanks?|thank (you|u)|thx|thanx|thnx|tnx|tks|tq|tqvm|ty|tysm|cheers|ta|merci|danke|gracias|salamat|shukran|terima kasih|appreciated?|helped|helps|helpful|useful|will try( that| it)?|i'?ll try( that| it)?|give it a (go|try)|good to know|makes sense|perfect|brilliant|brill|lovely|legend|nice one|great stuff|good stuff|awesome|sweet as|good on (ya|you|ye)|chur|champion|beaut|bonza|deadly|much obliged|no worries)\b/;
const STILL_WRONG = /\b(but|still|hurts?|pain|ache|aching|sore|worse|however|although|not|didn'?t|doesn'?t|isn'?t)\b/;
/** A question left without its question mark ("got a bad back, what helps", "is there a perfect way to sit"), or a request ("pls share a lower back stretch, thx"). */
const ASKS = /\b(what|whats|how|hows|why|which|when|where|wheres|who|whos)\b|^(is|are|does|do|did|can|could|should|would|will|any)\b|\b(is there|are there|should i|can i|do i)\b|\b(pls|plz|please|share|recommend|suggest|give me|show me|send me|tell me|need (a|an|some|help|advice|tips?|stretch\w*|exercise\w*)|looking for|help me)\b/;
const THANKS_EMOJI = /^[\s\u{1F44D}\u{1F64F}\u{1F44C}\u{2764}\u{FE0F}\u{1F917}\u{2705}\u{1F4AA}!.]+$/u;

export function detectIntent(text: string): Intent | null {
  if (/^\s*\?+\s*$/.test(text)) return 'help';
  if (THANKS_EMOJI.test(text) && /\p{Extended_Pictographic}/u.test(text)) return 'thanks';
  const t = normaliseForIntent(text);
  if (!t) return null;
  for (const [intent, re] of RULES) if (re.test(t)) return intent;
  // "ta very much, i'll let you know how i get on": a promise to report back, not a question.
  const said = t.replace(/\b(i'?ll|i will|will) (let (you|u) know|tell (you|u)) how\b.*$/, '');
  if (!text.includes('?') && t.split(' ').length <= 12 && THANKS_WORDS.test(said) && !STILL_WRONG.test(said) && !ASKS.test(said)) return 'thanks';
  return null;
}

/** Smalltalk gets a warm, short reply that steers back gently to what backbuddy can help with. */
export const INTENT_REPLIES: Record<Intent, string> = {
  greeting: "Hi! I'm backbuddy. Ask me anything about back pain, or say \"stretch\" for a quick routine.",
  thanks: 'Anytime. Go easy on that back.',
  help:
    'I can answer questions about back pain (try "why do my hips ache after sitting?"), give a quick tip ("tip hamstrings"), suggest a stretch ("stretch"), and tell you when a symptom needs a doctor. I give education, not diagnosis.',
  about:
    "I'm backbuddy, a bot. I share education about back pain from published guidelines (NICE, WHO, NHS, Cochrane and others) and cite my sources. I'm not a clinician and I can't diagnose. Ask \"what do you store?\" to see what I keep.",
  farewell: 'Take care, and keep moving!',
  ack: 'Got it. Anything else about your back? You can also ask for a stretch.',
  how_are_you: "I'm a bot, so no back to ache! How's yours today?",
  joke: "I'd tell you a joke about backs, but it would be a bit of a stretch. Want a real one? Say \"stretch\".",
  praise: 'Thank you! Glad it helps. Want a quick stretch while you are here?',
  complaint: 'Sorry I missed the mark. Could you rephrase it? If your pain worries you, a GP or physiotherapist can look at it properly.',
  stop: 'To pause channel nudges, use `/backbuddy nudges pause 2h`, or `/backbuddy nudges off` to stop them. In the terminal, `backbuddy nudges pause <id>`.',
  helpline: 'findahelpline.com lists free, confidential helplines in your country, with their phone numbers.',
  bored: 'A one-minute break could help. Say "stretch" and I will pick a desk-friendly routine.',
};

/**
 * Social words in a short message that is not about backs ("cheers thats really helpful", "bye for
 * now, off to lunch"). Used only after scope found no back-pain words, so "thanks, but my hip still
 * hurts" is never taken for thanks.
 */
const LOOSE: [Intent, RegExp][] = [
  ['about', /\b(who|what) are (you|u)\b|\bare (you|u) (a |an )?(bot|human|real|robot|ai|person|doctor)\b|\bwho (made|built|wrote|runs) (you|this)\b/],
  ['how_are_you', /\bhow('?s| is| are| r)? (you|u|your day|it going|things|life)\b/],
  ['joke', /\bjokes?\b|\bmake me (laugh|smile)\b/],
  ['complaint', /\b(useless|rubbish|stupid|dumb|pointless|not helpful|unhelpful|wrong)\b/],
  ['thanks', /\b(thanks|thank (you|u)|thx|ty|cheers|appreciate(d)?|ta)\b/],
  ['farewell', /\b(bye|goodbye|see (you|ya)|cya|later|good ?night|off to (lunch|bed|a meeting|home))\b/],
  ['praise', /\b(funny|awesome|amazing|great|brilliant|helpful|legend|love (you|it|this))\b/],
  ['greeting', /\b(hi|hiya|hello|hey|morning|afternoon|evening|howdy)\b/],
  ['help', /\b(help|what can (you|u) do|how does this work|commands)\b/],
  ['ack', /^(ok|okay|k|cool|nice|sure|alright|lol|haha|hmm|yep|yes|no|nah|right|got it)\b/],
];

export function detectLooseIntent(text: string): Intent | null {
  const t = normaliseForIntent(text);
  if (!t || t.split(' ').length > 10) return null;
  for (const [intent, re] of LOOSE) if (re.test(t)) return intent;
  return null;
}
