import { describe, expect, it } from 'vitest';
import { afterContext, detectFollowUp, entrySentences, pickOffered, quoteFor } from '../../../src/core/follow-up.js';
import type { Entry } from '../../../src/knowledge/schema.js';

const stretch = { id: 'stretch-x', kind: 'stretch', tags: ['hip-flexors'] } as unknown as Entry;
const faq = { id: 'faq-x', kind: 'faq', tags: ['sitting'] } as unknown as Entry;

describe('detectFollowUp', () => {
  it('repeats a routine when asked how long to hold it', () => {
    expect(detectFollowUp('how long should i hold it?', stretch)?.kind).toBe('same_entry');
  });
  it('reads "tell me more" as more of the same entry', () => {
    expect(detectFollowUp('tell me more', faq)).toEqual({ kind: 'more' });
  });
  it.each(['why though?', 'why tho', 'why then?'])('reads "%s" as asking why, more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
  it('reads a short pronoun question as leaning on the topic', () => {
    expect(detectFollowUp('any stretches for that?', faq)).toMatchObject({ kind: 'topic', stretchOnly: true });
    expect(detectFollowUp('what about at night?', faq)).toMatchObject({ kind: 'topic' });
  });
  it('reads the first of two questions joined by "or"', () => {
    expect(detectFollowUp('will it go away on its own eventually or do i need to do something about it', faq)).toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
  it('reads "how exactly does that work" as more of the same entry', () => {
    expect(detectFollowUp('how exactly does that work', faq)).toEqual({ kind: 'more' });
  });
  it('leaves a new, full question alone', () => {
    expect(detectFollowUp('do i need an mri for sciatica', faq)).toBeNull();
  });
});

describe('pickOffered', () => {
  const offered = ['a', 'b', 'c'];
  it.each([
    ['1', 'a'],
    ['2', 'b'],
    ['the second one', 'b'],
    ['option 3', 'c'],
    ['last', 'c'],
  ])('picks %j as %s', (text, id) => expect(pickOffered(text, offered)).toBe(id));
  it('ignores numbers beyond the options and when nothing was offered', () => {
    expect(pickOffered('4', offered)).toBeNull();
    expect(pickOffered('1', [])).toBeNull();
  });
});

describe('short follow-up questions', () => {
  it.each(['any others', 'what about at night?'])('reads "%s" against the last topic', (text) => {
    expect(detectFollowUp(text, faq)).toMatchObject({ kind: 'topic' });
  });
  it.each([
    ['how often?', 'frequency'],
    ['how many times a week?', 'frequency'],
    ['how long for', 'duration'],
    ['how long do i leave it on for', 'duration'],
    ['how long should i walk for each time?', 'duration'],
    ['will it just go away on its own?', 'by_itself'],
    ['will it sort itself out eventually?', 'by_itself'],
    ['for how many minutes?', 'duration'],
    ['every day?', 'frequency'],
    ['do i just wait it out?', 'by_itself'],
  ])('reads "%s" as asking the last entry about %s', (text, aspect) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect });
  });
  it.each([
    ['how long till it gets better?', 'by_itself'],
    ['how long until it settles down', 'by_itself'],
    ['will it go away on its own or must i see someone', 'by_itself'],
    ['ok roughly how many per hour', 'frequency'],
    ['how long till it gets better more or less? i have a shift on thursday', 'by_itself'],
    ['ok how many times a week tho? and how long each time', 'frequency'],
  ])('reads "%s" (a longer or two-sentence follow-up) as asking the last entry about %s', (text, aspect) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect });
  });
  it.each(['can i do it while sitting on my chair with my headset on', 'is there a version on the chair? i dont want to lie on the floor at work'])(
    'reads "%s" as asking for the same topic in another setting',
    (text) => expect(detectFollowUp(text, faq)).toMatchObject({ kind: 'topic' }),
  );
  it.each(['why does that help tho?', 'how does it work though'])('reads "%s" as asking for more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
  it('leaves a new question with a second sentence alone', () => {
    expect(detectFollowUp('do i need an mri for sciatica? my gp says no', faq)).toBeNull();
  });
  it.each(['what else can i do?', 'ok, what else besides that?', 'anything else?'])('reads "%s" as asking for the next related entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'what_else' });
  });
  it.each(['sorry can you explain that more?', 'can you break that down a bit more?', 'what do you mean'])('reads "%s" as more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
});

describe('quoteFor', () => {
  const entry = {
    summary: 'Heat can ease stiffness. Most people feel better within a few weeks.',
    body: '**How to use it**\n- Wrap a heat pack in a towel and use it for 15 to 20 minutes at a time.\n- Do this a few times a day.\n',
  } as unknown as Entry;
  it('quotes the sentence that answers how long', () => {
    expect(quoteFor(entry, 'duration')).toContain('15 to 20 minutes');
  });
  it('quotes the sentence that answers how often', () => {
    expect(quoteFor(entry, 'frequency')).toContain('a few times a day');
  });
  it('quotes what the entry says about getting better by itself', () => {
    expect(quoteFor(entry, 'by_itself')).toContain('Most people feel better');
  });
  it('strictly, quotes only a sentence with a count or with getting better over weeks', () => {
    const vague = { summary: 'Heat packs may ease pain. Do them regularly.', body: '' } as unknown as Entry;
    expect(quoteFor(vague, 'by_itself')).not.toBeNull();
    expect(quoteFor(vague, 'by_itself', true)).toBeNull();
    expect(quoteFor(vague, 'frequency', true)).toBeNull();
    expect(quoteFor(entry, 'frequency', true)).toContain('a few times a day');
  });
  it('returns null when the entry does not say', () => {
    expect(quoteFor({ summary: 'Keep moving.', body: '' } as unknown as Entry, 'frequency')).toBeNull();
  });
});

describe('detectFollowUp: follow-ups found in a fifth writer’s conversations', () => {
  const swim = { id: 'swim', kind: 'faq', tags: ['exercise'], title: 'In the pool', questions: ['is swimming good for my back'], summary: 'Swimming suits many people.' } as unknown as Entry;
  it('reads "and when should I worry about it?" as asking when to get it checked', () => {
    expect(detectFollowUp('and when should i worry about it?', faq)).toEqual({ kind: 'when_to_worry' });
  });
  it.each(['why not? it feels better lying down', 'how does it actually work?'])('reads "%s" as more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
  it('reads "how long before I notice a difference?" as how long it takes', () => {
    expect(detectFollowUp('how long before i notice a difference?', faq)).toEqual({ kind: 'quote', aspect: 'duration' });
  });
  it.each(['what if i just leave it, will it sort itself out', 'how long till it comes right usually'])('reads "%s" as whether it settles by itself', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
  it('reads a dose question naming the last topic ("how many times a week should i swim") as about that entry', () => {
    expect(detectFollowUp('how many times a week should i swim', swim)).toEqual({ kind: 'quote', aspect: 'frequency' });
  });
  it('leaves a dose question about something else alone', () => {
    expect(detectFollowUp('how many times a week should i do deadlifts', swim)).toBeNull();
  });
  it('reads a question of a dozen words about "it" as leaning on the topic', () => {
    expect(detectFollowUp('is it safe to take it for a couple of weeks?', faq)).toMatchObject({ kind: 'topic' });
  });
  it.each(['alright for someone my age? turning 70 soon', 'still fine with a hip replacement?', 'safe during a bad flare?'])('reads %j, "is it" left unsaid, as a question about the topic', (text) => {
    expect(detectFollowUp(text, faq)).toMatchObject({ kind: 'topic' });
  });
});

describe('follow-ups found in a sixth writer’s conversations', () => {
  it.each(['how many reps', 'how many times a week would u say'])('reads "%s" as how often', (text) => {
    expect(detectFollowUp(text, { id: 'x', kind: 'faq', tags: [], title: 'In the pool', questions: [], summary: '' } as unknown as Entry)).toEqual({ kind: 'quote', aspect: 'frequency' });
  });
  it('reads the first clause of "how long should i leave it on for, i fell asleep with it last night"', () => {
    expect(detectFollowUp('how long should i leave it on for, i fell asleep with it last night', faq)).toEqual({ kind: 'quote', aspect: 'duration' });
  });
  it('reads "how does cracking actually help" as more of an entry named for it, but not a comparison', () => {
    const crack = { id: 'c', kind: 'faq', tags: [], title: "Spinal manipulation (the back 'crack')", questions: [], summary: '' } as unknown as Entry;
    expect(detectFollowUp('how does cracking actually help', crack)).toEqual({ kind: 'more' });
    expect(detectFollowUp('why does cracking help more than massage', crack)?.kind).not.toBe('more');
  });
});

describe('follow-ups in wordings no development writer used (issue #11, third follow-up round)', () => {
  it.each(["what's the science behind it", 'what does it actually do', "what's the mechanism", "why's that", 'what is the reason for that', 'how does it do that'])('reads "%s" as more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
  it('reads "is there another one?" as another routine after a routine, and as something else after anything else', () => {
    expect(detectFollowUp('is there another one?', stretch)).toEqual({ kind: 'topic', allowSame: false, stretchOnly: true });
    expect(detectFollowUp('any other options?', faq)).toEqual({ kind: 'what_else' });
  });
  it('reads "and a heat wrap?" or "or one of those lumbar rolls?" as another thing brought to the topic', () => {
    expect(detectFollowUp('and a heat wrap?', faq)).toMatchObject({ kind: 'topic', stretchOnly: false });
    expect(detectFollowUp('or one of those lumbar rolls?', faq)).toMatchObject({ kind: 'topic' });
    expect(detectFollowUp('and the rest of it', faq)?.kind).not.toBe('more');
  });
});

describe('whether the pain goes, said with a plain verb', () => {
  it.each(['will it go after the birth?', 'will the pain pass once the project ends', 'does it ease off with time', 'will it disappear after giving birth?'])('reads "%s" as asking whether it goes by itself', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
  it('leaves "does it stop the pain coming back" (whether a treatment works) alone', () => {
    expect(detectFollowUp('does it stop the pain coming back', faq)).not.toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
  it('reads "can i use a heat pack" right after a topic as leaning on it', () => {
    expect(detectFollowUp('can i use a heat pack', faq)).toMatchObject({ kind: 'topic' });
  });
});

describe('follow-ups from writers I and J (issue #11, third follow-up round)', () => {
  it.each(['how long does this usually last?', 'and how long do these flare ups usually last?'])('reads "%s" as how long the pain goes on', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
  it('reads "how long does it last?" after a kind of care as how long its effect lasts', () => {
    const care = { id: 'h', kind: 'faq', tags: ['heat-cold'], title: 'Heat or ice', questions: [], summary: '' } as unknown as Entry;
    expect(detectFollowUp('how long does it last', care)).toEqual({ kind: 'quote', aspect: 'duration' });
  });
  it('reads "how many times a week should i be doing them" as how often', () => {
    expect(detectFollowUp('how many times a week should i be doing them', faq)).toEqual({ kind: 'quote', aspect: 'frequency' });
  });
  it.each(['so why does it feel better afterwards?', 'how exactly is it diagnosed?'])('reads "%s" as more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
  it('reads "why does the cracking sound happen?" as more of an entry that describes the cracking', () => {
    const crack = { id: 'c', kind: 'faq', tags: [], title: "Spinal manipulation (the back 'crack')", questions: ['why does my back make a cracking sound'], summary: '', body: 'The cracking sound is gas.' } as unknown as Entry;
    expect(detectFollowUp('why does the cracking sound happen?', crack)).toEqual({ kind: 'more' });
    expect(detectFollowUp('why does the cracking sound happen?', faq)?.kind).not.toBe('more');
  });
});

describe('quotes and wordings from a round of probing (issue #11, third follow-up round)', () => {
  it('does not quote "check your skin every few minutes" for how often', () => {
    const heat = { id: 'h', kind: 'faq', tags: ['heat-cold'], title: 'Heat', questions: [], summary: 'Heat helps.', body: 'Check your skin every few minutes and stop if it looks very red.' } as unknown as Entry;
    expect(quoteFor(heat, 'frequency', true)).toBeNull();
  });
  it('reads "why does it help my back?" as more of the same entry', () => {
    expect(detectFollowUp('why does it help my back?', stretch)).toEqual({ kind: 'more' });
  });
});

describe('more wordings from probing (issue #11, third follow-up round)', () => {
  it.each(['in what way does it help', 'how come it helps'])('reads "%s" as more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
  it('reads "anything stronger?" as asking for something else', () => {
    expect(detectFollowUp('anything stronger?', faq)).toEqual({ kind: 'what_else' });
  });
});

describe('why to do what the entry said', () => {
  const lifting = { id: 'l', kind: 'faq', tags: ['lifting'], title: 'Lifting at work', questions: ['how do i lift boxes'], summary: 'Keep the load close and bend your knees if it feels better.', body: 'Bend your knees and keep the load close.' } as unknown as Entry;
  it('reads "why bend the knees?" as more of an entry that says to bend them', () => {
    expect(detectFollowUp('why bend the knees?', lifting)).toEqual({ kind: 'more' });
  });
  it('leaves "why, whats the link" and a why about something the entry does not describe alone', () => {
    expect(detectFollowUp('why, whats the link', lifting)?.kind).not.toBe('more');
    expect(detectFollowUp('why do my hips hurt at night', lifting)?.kind).not.toBe('more');
  });
});

describe('amounts and what is already done', () => {
  it('reads "every day or every second day?" as how often', () => {
    expect(detectFollowUp('ok, every day or every second day?', faq)).toEqual({ kind: 'quote', aspect: 'frequency' });
  });
  it('reads "anything else besides exercise?" as something else, not a routine', () => {
    expect(detectFollowUp("is there anything else besides exercise? i'm doing that already", faq)).toEqual({ kind: 'what_else' });
  });
});

describe('entry sentences', () => {
  it('joins a sentence wrapped over two lines of the body', () => {
    const e = { id: 'w', kind: 'faq', tags: [], title: 'Stiff mornings', questions: [], summary: 'Short.', body: '**When to get help:** see a GP if the stiffness lasts most of the\nmorning for weeks, or keeps getting worse.\n\n- One item\n- Two items here' } as unknown as Entry;
    const sentences = entrySentences(e);
    expect(sentences).toContain('When to get help: see a GP if the stiffness lasts most of the morning for weeks, or keeps getting worse.');
    expect(sentences).toContain('Two items here');
  });
  it('reads "will my back pain go if i stand more" as asking whether it goes', () => {
    expect(detectFollowUp('will my back pain go if i stand more', faq)).toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
});

describe('follow-up kinds in general form (issue #11, fourth follow-up round)', () => {
  // Earlier rounds added more-detail wordings one at a time ("what's the science behind it", "why's
  // that"); a message made only of words that ask for more is the general form.
  it.each(['interesting, can you tell me a bit more?', 'what does that involve exactly?', "what's actually going on in there?", 'could you go into a bit more detail', 'ok so what is happening then'])('reads %j as more of the same entry', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'more' });
  });
  it('leaves a message with a subject of its own alone', () => {
    expect(detectFollowUp('tell me more about sciatica and sleeping', faq)?.kind).not.toBe('more');
  });
  it.each(['what should i do instead then?', 'cheers, got any more suggestions?', 'any alternatives?', 'are there other options'])('reads %j as asking for something else', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'what_else' });
  });
  it.each(['how many sessions a week is ideal', 'how many minutes is sensible', 'how often is best'])('reads %j, an amount judged with no pronoun, as about the last entry', (text) => {
    expect(detectFollowUp(text, faq)?.kind).toBe('quote');
  });
  it.each(['is this going to clear up without me doing anything?', 'will it heal if I do nothing', 'is it gonna settle down'])('reads %j as whether the pain goes by itself', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
});

describe('"and if …" and "and for …" after a topic (fourth follow-up round)', () => {
  it.each(["and if i'm a stomach sleeper?", 'and for stomach sleepers?', 'if it burns should i stop?'])('reads %j as leaning on the topic', (text) => {
    expect(detectFollowUp(text, faq)?.kind).toBe('topic');
  });
});

describe('"what if that doesn\'t work?" (fourth follow-up round)', () => {
  it.each(["and what if that doesnt work", "if it doesn't help?", 'what if it still does not work'])('reads %j as asking for something else', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'what_else' });
  });
});

describe('a question after context, and whether another thing does the job (fifth follow-up round)', () => {
  it.each([
    ["haven't got a roller. what about a rolling pin?", 'what about a rolling pin?'],
    ['my office won\'t buy them - would a desk riser be any good?', 'would a desk riser be any good?'],
    ['no heat pack at home, would a wheat bag do?', 'would a wheat bag do?'],
  ])('reads the question of %j after its context', (text, asked) => {
    expect(afterContext(text)).toBe(asked);
  });
  it.each(['how long do i hold it?', 'how long should i leave it on for, i fell asleep with it on', 'i sit all day'])('finds no context before a question in %j', (text) => {
    expect(afterContext(text)).toBeNull();
  });
  it.each(['would a wheat bag do the job', 'would a rolled up towel work just as well', 'would propping my laptop on books do the same thing', 'does a cheap cushion help'])('reads %j as another thing brought to the topic', (text) => {
    expect(detectFollowUp(text, faq)).toMatchObject({ kind: 'topic', stretchOnly: false });
  });
  it('reads a thing after context as leaning on the topic', () => {
    expect(detectFollowUp('no heat pack at home, would a wheat bag do the trick', faq)).toMatchObject({ kind: 'topic' });
  });
});

describe('how long the pain goes on, said as how long till it is well (fifth follow-up round)', () => {
  it.each(["how long until i'm ok again", 'roughly how long before it feels normal', 'how long till its all better', 'how long does a flare like mine go on', 'how long do flares usually last'])('reads %j as how the pain goes over time', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect: 'by_itself' });
  });
  it("leaves \"how long till it's ok to lift again\" (how long before doing something) as a duration", () => {
    expect(detectFollowUp("how long till it's ok to lift again", faq)).toEqual({ kind: 'quote', aspect: 'duration' });
  });
});

describe('how often, with a purpose or a second question (fifth follow-up round)', () => {
  it.each(['how many sessions a week before i see results', 'how often to really feel a benefit', 'how many days a week to make a difference'])('reads %j, an amount asked with what it is for, as how often', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect: 'frequency' });
  });
  it.each(['is it fine to do it daily or is that too much', 'should i do them every day or would that be pushing it'])('reads %j by its first question, how often', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'quote', aspect: 'frequency' });
  });
});

describe('how it does what it does, and why one thing beats another (fifth follow-up round)', () => {
  const heat = { id: 'heat', kind: 'faq', tags: ['heat-cold'], title: 'Heat for a stiff back', questions: ['does heat help a stiff back'], summary: 'Warmth relaxes tight muscles, and walking beats lying in bed.', body: 'Walking keeps you loose, and lying in bed all day tends to make stiffness worse.' } as unknown as Entry;
  it.each(['how does it actually ease the stiffness', 'how would that relax the muscles', 'so how does it numb the pain then'])('reads %j as more of the same entry', (text) => {
    expect(detectFollowUp(text, heat)).toEqual({ kind: 'more' });
  });
  it('reads "why is walking better than lying in bed?" as more of an entry that describes both', () => {
    expect(detectFollowUp('why is walking better than lying in bed?', heat)).toEqual({ kind: 'more' });
  });
  it('leaves a comparison of things the entry does not describe alone', () => {
    expect(detectFollowUp('why is swimming better than cycling', heat)?.kind).not.toBe('more');
  });
});

describe('"what more can I do?" (fifth follow-up round)', () => {
  it.each(['what more can i do', 'so what more could she try?'])('reads %j as asking for something else', (text) => {
    expect(detectFollowUp(text, faq)).toEqual({ kind: 'what_else' });
  });
  it('still reads "what more is there to it?" as more of the same entry', () => {
    expect(detectFollowUp('what more is there to it?', faq)).toEqual({ kind: 'more' });
  });
});

describe('seated versions asked at length, and emoji (fifth follow-up round)', () => {
  it.each(['any i can do sitting down without the whole team noticing me', 'any ones you can do at my desk with my manager sitting right there', 'got any for the chair that nobody would notice me doing'])('reads %j as leaning on the topic', (text) => {
    expect(detectFollowUp(text, faq)?.kind).toBe('topic');
  });
  it('reads a follow-up the same with an emoji after it', () => {
    expect(detectFollowUp('any i can do sitting down without the whole team noticing me 🙈', faq)).toEqual(detectFollowUp('any i can do sitting down without the whole team noticing me', faq));
    expect(detectFollowUp('how long do i hold it 🤔', stretch)?.kind).toBe('same_entry');
  });
});

describe('a thing described at length (fifth follow-up round)', () => {
  it('reads "what about one of those …" of up to sixteen words as another thing brought to the topic', () => {
    expect(detectFollowUp('what about one of those desk risers that sit on top of an ordinary desk', faq)).toMatchObject({ kind: 'topic', stretchOnly: false });
  });
  it('still leaves a longer message alone', () => {
    expect(detectFollowUp('what about a new mattress for my bed because the one we have now is nearly twenty years old', faq)).toBeNull();
  });
});
