import { processTerm } from '../knowledge/text.js';

/**
 * Is a message about backs at all? The knowledge base's own vocabulary is too broad for this
 * (entry bodies mention weather, work, money), so scope uses a curated list of stems that only
 * make sense in a back-pain conversation, plus the tags and titles of the entries.
 */
/** Words that on their own put a message in backbuddy's domain. */
const STRONG = `back backs spine spinal vertebra vertebrae disc discs pain pains painful ache aches aching achy sore soreness hurt hurts hurting
stiff stiffness tight tightness stretch stretches stretching exercise exercises posture slouch slouching sitting seated
bending muscle muscles nerve nerves sciatica sciatic hip hips glute glutes buttock buttocks bum hamstring hamstrings quad quads
quadriceps core abs neck shoulder shoulders physio physiotherapy physiotherapist chiropractor osteopath mri scan xray brace mattress
pillow yoga pilates plank planks bridge squat squats deadlift deadlifts break breaks nudge nudges reminder reminders tip tips routine routines
pelvis pelvic tilt lordosis lumbar thoracic coccyx tailbone sacrum sacroiliac spasm spasms twinge pulled strain strained
sprain injury injured flare flareup numb numbness tingling tingly weakness thigh thighs painkiller painkillers suicide suicidal
samaritans helpline helplines hotline harm selfharm hopeless burden
ibuprofen paracetamol nsaid nsaids opioid opioids codeine massage inversion tens supplement supplements turmeric glucosamine
ergonomic ergonomics osteoporosis fracture fractures bone bones gabapentin pregabalin cyclobenzaprine naproxen diclofenac amitriptyline duloxetine tramadol morphine oxycodone cocodamol co-codamol heatpack insoles orthotics chiropractic chiro acupuncture epidural cortisone aneurysm aaa aortic corrector crick kink lumbago slipped herniated bulging prolapsed cauda equina flag flags balmorex
stenosis scoliosis kyphosis hunchback hypermobile hypermobility spondylitis spondylolisthesis spondylosis claudication discectomy laminectomy
microdiscectomy neurosurgeon surgeon surgeons orthopaedic orthopedic rheumatologist piriformis whiplash osteopenia osteoarthritis arthritis
foam roller hydrotherapy aquatic postnatal postpartum pgp spd symphysis beighton tendon ligament joints joint
backbuddy bot privacy desk desks saddle anaesthesia anesthesia bladder bowel incontinence paralysis chronic acute myth myths evidence guideline guidelines conversations conversation stored store save data lifting stand standing calf calves toes knee knees lunge`;

/** Everyday words that count only in company: "office chair" is in scope, "office wifi" is not. */
const WEAK = `sit sat chair lift lifted leg legs walk walking run running runner jog gym workout weights sleep sleeping stress stressed mental mentally
anxiety mood weight diet monitor screen keyboard laptop workstation office work working sport sports golf tennis football cycling
swim swimming pregnancy pregnant heat ice cold hot surgery operation injection injections doctor gp physician clinician
emergency urgent product products cream gel athlete training train strength strong stronger weak stretchy floor
meeting meetings commute bed lie lying drive driving drove car trolley bag backpack rucksack shoes heels boots trainers mattress pillow heat pack health healthy
carry carries carrying carried heavy box boxes crate crates strap straps active activity movement moves moving mouse elbows foam rolling roller shift shifts`;

const OTHER_CONDITIONS = /\b(twitch(ing|y)?|heels?|plantar|bunions?|carpal tunnel|tennis elbow|migraines?|headaches?|toothache|moles?|rash(es)?|sore throat|period pain|tummy ache|stomach ache|earache|flu|cold sores?|temperature|fever)\b/;
const OTHER_PARTS = /\b(knees?|ankles?|elbows?|wrists?|tooth|teeth|eyes?|ears?|skin|throat|stomach|tummy|feet|foot|toes?|hands?|fingers?|jaw)\b/;
const PAIN = /\b(hurts?|hurting|pain(ful)?|aches?|aching|sore|swollen|injur(ed|y)|sprain(ed)?|broken|itchy|burning)\b/;
const BACK_WORDS = /\b(back|spine|spinal|lumbar|sciatica|disc|hips?|glutes?|buttocks?|neck|shoulder blades?|pelvis|pelvic|tailbone|coccyx|posture|sitting|stretch(es|ing)?|standing desks?|sit.stand desks?)\b/;

/**
 * Everyday setups that only a back conversation asks about in these words: where a screen goes ("how far
 * away should my screen be") and breaking up a long drive. One everyday word each, so the pair rule misses them.
 */
const SETUP_QUESTIONS = /\b(screens?|monitors?)\b.*\b(far|distance|away|height|high|low|eye level|arms? length|placed|position|angle)\b|\b(how|where) (high|far|low) .*\b(screens?|monitors?)\b|\blong (drives?|car journeys?|journeys? by car|road trips?)\b/;

/** Questions about warning signs, first aid and crisis support: backbuddy's red-flag and support entries answer them. */
const SAFETY_QUESTIONS = /\b(warning signs?|red flags?|first ?aid|mental health first|in (a )?crisis|crisis (lines?|numbers?|support|team)|(wants?|wanting) to die|not wanting to be (around|here|alive))\b/;

/** Words that mark a message as about something else, even when an entry happens to share a word. */
const OFF_TOPIC = /\b(score|scores|recipe|weather|password|wifi|crypto|bitcoin|tax|taxes|translate|invoice|meeting room|performance review|netflix|movie|film|lottery|shares|stocks|football match|election|capital of)\b/;

/** The words that on their own put a message in the domain, as written. */
export const STRONG_WORDS: readonly string[] = STRONG.split(/\s+/).filter(Boolean);

/** The domain's own words as written (the speller's targets). */
export const DOMAIN_WORDS: readonly string[] = [...STRONG.split(/\s+/), ...WEAK.split(/\s+/)].filter(Boolean);

export const looksOffTopic = (lower: string) => OFF_TOPIC.test(lower);

/** Questions to the bot about itself ("who checks the answers you give?") are in scope: the about entries answer them. */
const ABOUT_THE_BOT = [
  /\b(do|did|will|can|does) (you|u|backbuddy|the bot|this bot|this thing|this app|the app) (store|save|keep|log|remember|record|track|share|sell|read)\b/,
  /\bwhere (does|do) (your|the|backbuddy'?s?) (information|info|answers?|content|advice|facts) come from\b/,
  /\bwho (wrote|writes|checks|checked|reviews|reviewed|made|built|makes|runs) (you|your|the answers|this bot|backbuddy)\b/,
  /\b(your|backbuddy'?s?) (sources?|answers?|information|info|content|data|advice|privacy)\b/,
];

/** Pure: does the message ask about the bot itself (what it stores, where its answers come from)? */
export const asksAboutTheBot = (lower: string): boolean => ABOUT_THE_BOT.some((re) => re.test(lower));

export type Scope = 'domain' | 'off_topic' | 'other_body_part';
export type Domain = { strong: Set<string>; weak: Set<string> };

const stems = (words: Iterable<string>) => {
  const set = new Set<string>();
  for (const w of words) {
    const t = processTerm(w);
    if (t) set.add(t);
  }
  return set;
};

/** The domain vocabulary: the curated lists, plus any extra words a caller adds. */
export function buildDomain(tagWords: Iterable<string>): Domain {
  return { strong: stems([...STRONG.split(/\s+/), ...tagWords]), weak: stems(WEAK.split(/\s+/)) };
}

/**
 * Pure: the message's lowercase text and stemmed content words in, a scope out. In scope when a
 * strong word appears, or two everyday ones do.
 */
export function classifyScope(lower: string, terms: string[], domain: Domain): Scope {
  const backish = BACK_WORDS.test(lower);
  if (ABOUT_THE_BOT.some((re) => re.test(lower))) return 'domain';
  if (!backish && (OTHER_CONDITIONS.test(lower) || (OTHER_PARTS.test(lower) && PAIN.test(lower)))) return 'other_body_part';
  if (terms.some((t) => domain.strong.has(t))) return 'domain';
  if (SETUP_QUESTIONS.test(lower) || SAFETY_QUESTIONS.test(lower)) return 'domain';
  const weak = new Set(terms.filter((t) => domain.weak.has(t)));
  return weak.size >= 2 ? 'domain' : 'off_topic';
}
