import { processTerm } from '../knowledge/text.js';

/**
 * Is a message about backs at all? The knowledge base's own vocabulary is too broad for this
 * (entry bodies mention weather, work, money), so scope uses a curated list of stems that only
 * make sense in a back-pain conversation, plus the tags and titles of the entries.
 */
const DOMAIN_WORDS = `back backs spine spinal vertebra vertebrae disc discs pain pains painful ache aches aching achy sore soreness hurt hurts hurting
stiff stiffness tight tightness stretch stretches stretching exercise exercises posture slouch slouching sit sitting seated desk chair chairs
lift lifting lifted bend bending muscle muscles nerve nerves sciatica sciatic hip hips glute glutes buttock buttocks hamstring hamstrings quad quads
quadriceps core abs neck shoulder shoulders shoulderblade physio physiotherapy physiotherapist chiropractor osteopath mri scan xray brace belt mattress
sleep sleeping pillow yoga pilates plank bridge squat deadlift running runner run jog walk walking standing stand break breaks nudge nudges reminder
tip tips routine routines pelvis pelvic tilt lordosis lumbar thoracic coccyx tailbone sacrum sacroiliac spasm spasms twinge pulled strain strained
sprain injury injured flare flareup numb numbness tingling tingly weak weakness leg legs thigh thighs heat ice cold hot painkiller painkillers
ibuprofen paracetamol nsaid nsaids opioid opioids codeine massage gun inversion table tens supplement supplements turmeric glucosamine
ergonomic ergonomics monitor screen keyboard laptop workstation stress stressed anxiety mood weight diet posture corrector
crick kink lumbago slipped herniated bulging prolapsed surgery operation injection injections doctor gp physician clinician
cauda equina red flag flags emergency urgent balmorex product products cream gel backbuddy bot store data privacy
gym workout lift weights athlete sport sports golf tennis football cycling swim swimming pregnancy pregnant`;

const OTHER_PARTS = /\b(knee|knees|ankle|ankles|elbow|elbows|wrist|wrists|migraine|migraines|headache|headaches|tooth|teeth|toothache|mole|moles|eye|eyes|ear|ears|skin|rash|throat|stomach ache|tummy ache|period pain|cramps?|foot|feet|toe|toes|hand|hands|finger|fingers|jaw)\b/;
const BACK_WORDS = /\b(back|spine|spinal|lumbar|sciatica|disc|hip|hips|glute|glutes|buttock|neck|shoulder blades?|pelvis|pelvic|tailbone|coccyx|posture|sitting|stretch(es|ing)?)\b/;

export type Scope = 'domain' | 'off_topic' | 'other_body_part';

export function buildDomain(extra: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const w of DOMAIN_WORDS.split(/\s+/)) {
    const t = processTerm(w);
    if (t) set.add(t);
  }
  for (const w of extra) {
    const t = processTerm(w);
    if (t) set.add(t);
  }
  return set;
}

/** Pure: the message's stemmed content words and its raw lowercase text in, a scope out. */
export function classifyScope(lower: string, terms: string[], domain: Set<string>): Scope {
  const inDomain = terms.some((t) => domain.has(t));
  if (OTHER_PARTS.test(lower) && !BACK_WORDS.test(lower)) return 'other_body_part';
  return inDomain ? 'domain' : 'off_topic';
}
