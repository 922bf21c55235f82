/**
 * Everyday words for a tip topic (`backbuddy tip hammies`, `/backtip lower back`) and the taxonomy tag
 * each one means. Search alone guessed badly for short topics: "lower back" matched the upper-back tip
 * on the word "back". Every tip is about the back, so words for the back as a whole ask for any tip.
 */
export const WHOLE_BACK = Symbol('whole back');
export type TopicMeaning = string | typeof WHOLE_BACK;

const WORDS: ReadonlyArray<readonly [TopicMeaning, readonly string[]]> = [
  [WHOLE_BACK, ['back', 'backs', 'lower back', 'low back', 'lumbar', 'lower spine', 'spine', 'back pain', 'backache', 'back ache', 'bad back', 'whole back']],
  ['upper-back', ['upper back', 'mid back', 'middle back', 'thoracic', 'neck', 'necks', 'shoulder', 'shoulders', 'shoulder blades', 'between my shoulder blades', 'traps']],
  ['hip-flexors', ['hip', 'hips', 'hip flexor', 'hip flexors', 'psoas', 'front of my hip', 'front of my hips']],
  ['hamstrings', ['hamstring', 'hamstrings', 'hammies', 'hammy', 'hammys', 'back of my thigh', 'back of my thighs', 'back of the thigh']],
  ['glutes', ['glute', 'glutes', 'bum', 'butt', 'buttock', 'buttocks', 'backside', 'gluteal']],
  ['quadriceps', ['quad', 'quads', 'quadriceps', 'thigh', 'thighs', 'front of my thigh']],
  ['core', ['core', 'abs', 'abdominals', 'stomach', 'tummy', 'plank', 'planks', 'six pack']],
  ['posture', ['posture', 'slouch', 'slouching', 'slumping', 'hunch', 'hunching', 'sitting up straight']],
  ['pelvic-tilt', ['pelvis', 'pelvic', 'pelvic tilt', 'tilt', 'swayback', 'sway back']],
  ['sitting', ['sitting', 'sit', 'sitting down', 'sedentary', 'sitting all day', 'desk job', 'office job']],
  ['desk-setup', ['desk', 'desks', 'chair', 'chairs', 'office chair', 'screen', 'monitor', 'laptop', 'workstation', 'standing desk', 'ergonomics', 'keyboard']],
  ['movement-breaks', ['break', 'breaks', 'movement break', 'movement breaks', 'micro breaks', 'moving more', 'getting up']],
  ['sleep', ['sleep', 'sleeping', 'bed', 'bedtime', 'mattress', 'pillow', 'night', 'nights', 'waking up']],
  ['stress', ['stress', 'stressed', 'anxiety', 'anxious', 'worry', 'worried', 'mood', 'relax', 'relaxing', 'wind down']],
  ['heat-cold', ['heat', 'hot', 'warmth', 'heat pack', 'hot water bottle', 'ice', 'ice pack', 'cold', 'cold pack', 'heat or ice']],
  ['pain-relief', ['painkiller', 'painkillers', 'pain relief', 'pain killers', 'medicine', 'medicines', 'medication', 'pills', 'ibuprofen', 'paracetamol', 'pharmacist']],
  ['physical-therapy', ['physio', 'physios', 'physiotherapy', 'physiotherapist', 'physical therapy', 'physical therapist', 'massage', 'chiropractor']],
  ['see-a-professional', ['doctor', 'gp', 'getting checked', 'see someone', 'when to see a doctor']],
  ['strength-training', ['gym', 'weights', 'lifting weights', 'weightlifting', 'strength', 'strength training', 'resistance training', 'squats', 'deadlifts']],
  ['lifting', ['lifting', 'lift', 'lifts', 'bending', 'bend', 'carrying', 'picking things up', 'moving house']],
  ['running', ['running', 'run', 'runs', 'runner', 'runners', 'jogging', 'jog']],
  ['athletes', ['sport', 'sports', 'athlete', 'athletes', 'football', 'tennis', 'golf']],
  ['stretching', ['stretch', 'stretches', 'stretching', 'flexibility', 'mobility']],
  ['yoga-pilates', ['yoga', 'pilates', 'tai chi']],
  ['exercise', ['exercise', 'exercises', 'workout', 'workouts', 'fitness']],
  ['staying-active', ['staying active', 'stay active', 'keep moving', 'keeping active', 'rest', 'bed rest']],
  ['acute-pain', ['new pain', 'just hurt', 'just did my back', 'flare', 'flare up', 'flare-up', 'pulled my back', 'tweaked my back']],
  ['chronic-pain', ['chronic', 'chronic pain', 'long term', 'long-term', 'persistent', 'months']],
  ['sciatica', ['sciatica', 'sciatic', 'leg pain', 'nerve pain', 'pins and needles']],
  ['nutrition', ['diet', 'food', 'eating', 'weight', 'losing weight', 'nutrition', 'water', 'smoking']],
  ['muscle-imbalance', ['imbalance', 'imbalances', 'muscle imbalance', 'weak muscles']],
  ['myths', ['myth', 'myths']],
];

const MEANING = new Map<string, TopicMeaning>(WORDS.flatMap(([meaning, phrases]) => phrases.map((p) => [words(p).join(' '), meaning] as const)));
const LONGEST = Math.max(...[...MEANING.keys()].map((k) => k.split(' ').length));

function words(text: string): string[] {
  return text.toLowerCase().replace(/[\u2018\u2019']/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Pure: the tag a topic's words mean, WHOLE_BACK, or null when none of its words is known. A part of
 * the body or a subject beats the back as a whole ("lower back stretches": stretching); among those the
 * longest phrase wins ("lifting weights" over "lifting"), then the earliest ("hammies after running").
 */
export function topicMeaning(topic: string): TopicMeaning | null {
  const w = words(topic);
  let wholeBack = false;
  for (let n = Math.min(LONGEST, w.length); n >= 1; n--) {
    for (let i = 0; i + n <= w.length; i++) {
      const hit = MEANING.get(w.slice(i, i + n).join(' '));
      if (hit === WHOLE_BACK) wholeBack = true;
      else if (hit !== undefined) return hit;
    }
  }
  return wholeBack ? WHOLE_BACK : null;
}

/** Every tag the words point at (tests check that each is in the taxonomy). */
export const topicWordTags = (): string[] => [...new Set(WORDS.map(([m]) => m).filter((m): m is string => typeof m === 'string'))];
