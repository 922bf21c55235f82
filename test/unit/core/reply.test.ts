import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAssistant } from '../../../src/core/assistant.js';
import { ReplySchema } from '../../../src/core/reply-schema.js';
import { fixedClock } from '../../../src/common/clock.js';
import { TWIN_IDS, TWIN_QUESTION, knowledgeWithTwins } from '../../fixtures/twin-knowledge.js';

// One assistant for the file: loading the knowledge base is the slow part.
const assistant = createAssistant({ clock: fixedClock('2026-11-26T10:00:00Z') });
const ask = (text: string, conversation?: string) => assistant.reply({ text, ...(conversation ? { conversation } : {}) });

describe('reply', () => {
  it('answers a plain question with an entry, its sources and follow-ups', async () => {
    const r = await ask('why do my hips feel tight after sitting all day?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.entry.tags.some((t) => ['hip-flexors', 'sitting'].includes(t))).toBe(true);
    expect(r.sources.length).toBeGreaterThan(0);
    expect(r.text).toContain('Sources:');
    expect(r.text).toContain('Education, not medical advice');
  });

  it.each([
    ['my back hurts, what should I do?', 'back-pain-what-helps'],
    ['back pain', 'back-pain-what-helps'],
    ['why does my back hurt?', 'why-does-my-back-hurt'],
    ['what causes lower back pain', 'why-does-my-back-hurt'],
  ])('answers a message with no topic beyond back pain (%j) from the general entry', async (text, id) => {
    const r = await ask(text);
    expect(r.kind === 'answer' && r.entry.entryId).toBe(id);
  });

  it('runs safety triage before anything else', async () => {
    const r = await ask('thanks! also I cant feel my bum when i wipe and my back hurts');
    expect(r).toMatchObject({ kind: 'urgent', urgency: 'emergency' });
  });

  describe('safety net for what neither the rules nor the classifier placed', () => {
    // Rules alone, so the classifier's second opinion cannot place these first.
    const rulesOnly = createAssistant({ clock: fixedClock('2026-11-26T10:00:00Z'), classifier: false });

    it('gives crisis words no rule placed the safety net with the crisis line, not an entry', async () => {
      const r = await rulesOnly.reply({ text: "if the printer jams one more time I'm going to end it. the printer, I mean. also my back's stiff" });
      expect(r.kind).toBe('answer');
      if (r.kind !== 'answer') return;
      expect(r.safetyNet).toBe(true);
      expect(r.text).toMatch(/thoughts of ending your life/);
      expect(r.text).toMatch(/Samaritans|116 123/);
      expect(r.text).not.toMatch(/bottom or genitals/);
    });

    it('gives other alarm words the ordinary safety net, without the crisis line', async () => {
      const r = await rulesOnly.reply({ text: 'there was a bit of blood when I blew my nose, also my back is stiff' });
      expect(r.kind).toBe('answer');
      if (r.kind !== 'answer') return;
      expect(r.safetyNet).toBe(true);
      expect(r.text).not.toMatch(/thoughts of ending your life/);
    });

    it.each(['said goodbye to my old office chair today, new one arrives monday', 'gave my old bike to my nephew since my back cant take cycling', 'my mind is made up: standing desk it is', 'give me a desk stretch, I\'m ready!'])(
      'answers everyday talk that shares words with crisis language (%j), without a safety net',
      async (text) => {
        const r = await rulesOnly.reply({ text });
        expect(r.kind === 'answer' && r.safetyNet === true).toBe(false);
      },
    );

    it('never gives it for a question about supporting someone', async () => {
      const r = await rulesOnly.reply({ text: 'how do I support a colleague who keeps saying he feels like a burden to his family?' });
      expect(r.kind === 'answer' && r.safetyNet === true).toBe(false);
    });
  });

  it('answers an education question about a red flag instead of raising an alarm', async () => {
    const r = await ask('what is cauda equina syndrome?');
    expect(r.kind).toBe('answer');
  });

  it('answers general questions about warning signs and supporting someone, whatever their words', async () => {
    // Read as questions about red flags or crisis by triage, they are in scope even without a back word.
    const poster = await ask('which warning signs should go on the first-aid poster in our break room?');
    expect(poster.kind === 'answer' || poster.kind === 'clarify').toBe(true);
    const friend = await ask('what do you say if a mate tells you they want to die? I want to be ready');
    expect(friend.kind === 'answer' && friend.entry.entryId).toBe('worried-someone-is-suicidal');
    const lines = await ask('which numbers can people ring if they are in crisis? for the staff noticeboard');
    expect(lines.kind).toBe('smalltalk');
    expect(lines.text).toContain('116 123');
    // Off-topic questions stay off-topic.
    expect((await ask('what is the capital of portugal?')).kind).toBe('out_of_scope');
  });

  it('names the configured emergency number', async () => {
    const local = createAssistant({ emergencyNumber: '112' });
    const r = await local.reply({ text: 'back pain and chest pain at the same time' });
    expect(r.kind).toBe('urgent');
    expect(r.text).toContain('112');
  });

  it('gives the region\'s helpline when asked for the number, without an alarm', async () => {
    const r = await ask("what's the samaritans number? putting it on the canteen noticeboard");
    expect(r.kind).toBe('smalltalk');
    expect(r.text).toContain('116 123');
    const us = await createAssistant({ region: 'us' }).reply({ text: 'whats the number for the crisis line?' });
    expect(us.kind).toBe('smalltalk');
    expect(us.text).toContain('988');
    expect(us.text).not.toContain('116 123');
  });

  it('does not flag a foot that fell asleep in a meeting and is fine now', async () => {
    const r = await ask('my foot fell asleep in a long meeting, fine now');
    expect(r.kind).not.toBe('urgent');
  });

  it('says honestly when a question is outside what it knows', async () => {
    const r = await ask('how do i file my tax return');
    expect(r).toMatchObject({ kind: 'out_of_scope', reason: 'off_topic' });
  });

  it('points other body parts to a GP or pharmacist', async () => {
    const r = await ask('my knee hurts when i run');
    expect(r).toMatchObject({ kind: 'out_of_scope', reason: 'other_body_part' });
  });

  it('replies to smalltalk warmly and briefly', async () => {
    expect(await ask('hi')).toMatchObject({ kind: 'smalltalk', intent: 'greeting' });
    expect(await ask('thanks!')).toMatchObject({ kind: 'smalltalk', intent: 'thanks' });
  });

  it('says politely that it answers in English', async () => {
    expect(await ask('me duele mucho la espalda, qué hago')).toMatchObject({ kind: 'out_of_scope', reason: 'language' });
    expect(await ask('我的背很痛')).toMatchObject({ kind: 'out_of_scope', reason: 'language' });
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t  '],
    ['emoji only', '🙂🙂🙂'],
    ['control characters', '\u0000\u0007\u001b[31m'],
  ])('gives a clear reply to %s input', async (_name, text) => {
    const r = await ask(text);
    expect(r).toMatchObject({ kind: 'out_of_scope', reason: 'empty' });
  });

  it('answers a 20,000-character message from the first 2,000 characters and says so', async () => {
    const r = await ask(`why does my lower back ache after sitting at my desk all day? ${'blah '.repeat(4000)}`);
    expect(r.notes.join(' ')).toMatch(/first 2,000 characters/);
    expect(r.text).toMatch(/first 2,000 characters/);
  });

  it('still sees a red flag late in a long message', async () => {
    const r = await ask(`${'my back has been sore after work. '.repeat(200)} now both legs are going numb`);
    expect(r.kind).toBe('urgent');
  });

  it('keeps the topic for follow-ups in the same conversation', async () => {
    const first = await ask('show me the standing hip flexor stretch', 'c-follow');
    expect(first.kind).toBe('answer');
    const again = await ask('how long should I hold it?', 'c-follow');
    expect(again.kind === 'answer' && first.kind === 'answer' && again.entry.entryId).toBe(first.kind === 'answer' && first.entry.entryId);
    const desk = await ask('any others I can do at my desk?', 'c-follow');
    expect(desk.kind === 'answer' && desk.entry.kind).toBe('stretch');
  });

  it.each(['how often?', 'how long should i do it for?'])('answers %j about the same entry when it names no time or count', async (text) => {
    const first = await ask('does massage help back pain', `c-nofigure-${text}`);
    const r = await ask(text, `c-nofigure-${text}`);
    expect(first.kind === 'answer' && first.entry.entryId).toBe('massage-for-back-pain');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('massage-for-back-pain');
  });

  it('answers a new, clear question on its own words even when it says "it"', async () => {
    await ask('my hips feel tight after sitting', 'c-standalone');
    const r = await ask('is it safe to run with back pain?', 'c-standalone');
    expect(r.kind === 'answer' && r.entry.tags).toContain('running');
  });

  it('does not carry a topic into another conversation', async () => {
    await ask('show me the standing hip flexor stretch', 'c-a');
    const other = await ask('how long should I hold it?', 'c-b');
    expect(other.kind === 'answer' && other.entry.entryId === 'stretch-standing-hip-flexor').toBe(false);
  });

  it('asks which was meant when two topics match equally, and lets a number pick from the options', async () => {
    // The real content seldom needs a clarify, so two twin entries make one certain.
    const twins = knowledgeWithTwins();
    try {
      const withTwins = createAssistant({ knowledgeDir: twins.dir, clock: fixedClock('2026-11-26T10:00:00Z') });
      const r = await withTwins.reply({ text: TWIN_QUESTION, conversation: 'c-clarify' });
      if (r.kind !== 'clarify') throw new Error(`expected a clarify, got ${r.kind}`);
      expect(r.options.map((o) => o.entryId).sort()).toEqual([...TWIN_IDS].sort());
      const picked = await withTwins.reply({ text: '2', conversation: 'c-clarify' });
      expect(picked.kind === 'answer' && picked.entry.entryId).toBe(r.options[1]!.entryId);
    } finally {
      twins.cleanup();
    }
  });

  it('gives a tip, and falls back to the closest tag for an unknown topic', () => {
    const t = assistant.tip('hamstrings');
    expect(t).toMatchObject({ matchedTag: 'hamstrings', fellBack: false });
    expect(t.reply.entry.kind).toBe('tip');
    const f = assistant.tip('swimming');
    expect(f.fellBack).toBe(true);
    expect(f.note).toMatch(/closest/);
  });

  it('gives a routine with steps and cautions', () => {
    const s = assistant.stretch({ deskOnly: true });
    expect(s.entry.kind).toBe('stretch');
    expect(s.steps.length).toBeGreaterThan(1);
    expect(s.cautions.length).toBeGreaterThan(0);
  });

  it('reads a back that just went, relief without medicines and a question wrapped in greetings by what they ask', async () => {
    const id = async (text: string) => {
      const r = await ask(text);
      return r.kind === 'answer' ? r.entry.entryId : r.kind;
    };
    expect(await id('tweaked my back hauling a crate at work, what should i do')).toBe('acute-back-pain-first-days');
    expect(await id('apart from pills, what can I do for pain relief in my lower back?')).toBe('back-pain-what-helps');
    expect(await id('Dear all, what height should my office chair be? Many thanks, Sam')).toBe('desk-setup-basics');
  });

  it('returns a valid reply for any string (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('', ' ', '\u0000', '?'.repeat(5000))), async (text) => {
        const r = await ask(text, 'c-prop');
        expect(ReplySchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('desk requests', () => {
  it('never answers "at my desk" with a floor routine, whatever the words match', async () => {
    const { createAssistant } = await import('../../../src/core/assistant.js');
    const a = createAssistant();
    for (const text of ['a stretch for my lower back i can do at my desk', 'glute stretch at my desk please', 'hamstring stretch sitting in my chair']) {
      const r = await a.reply({ text, conversation: `desk-${text}` });
      if (r.kind === 'answer' && r.entry.kind === 'stretch') {
        const e = a.kb.byId.get(r.entry.entryId);
        expect(e && 'desk_friendly' in e && (e.desk_friendly || e.seated)).toBe(true);
      } else {
        expect(r.kind).not.toBe('urgent');
      }
    }
  });
});

describe('strength work asked about at a desk', () => {
  it.each([
    ['what exercises strengthen weak glutes', 'could i do those sat at my desk'],
    ['exercises to make my bum muscles stronger', 'any of them i can do sitting down in the office'],
  ])('after %j, %j gets the everyday strength tip for that area, not a stretch', async (first, second) => {
    const conversation = `strength-desk-${first}`;
    await ask(first, conversation);
    const r = await ask(second, conversation);
    expect(r.kind === 'answer' && r.entry.entryId).toBe('tip-glutes-in-daily-life');
  });

  it('still gives a routine when the follow-up asks for a stretch', async () => {
    const conversation = 'strength-desk-stretch';
    await ask('what exercises strengthen weak glutes', conversation);
    const r = await ask('any stretches for them at my desk?', conversation);
    expect(r.kind === 'answer' && r.entry.kind).toBe('stretch');
  });
});

describe('asking what the bot covers', () => {
  it.each(['what sort of stuff can u help with?', 'hello! what kinds of things could you help us with', 'what topics can i ask you?'])('%j gets the entry on what backbuddy is and is not', async (text) => {
    const r = await ask(text);
    expect(r.kind === 'answer' && r.entry.entryId).toBe('about-backbuddy');
  });
  it.each([['what can you do', 'smalltalk'], ['what can you help me with for my sciatica', 'answer']])('%j is not that question', async (text, kind) => {
    const r = await ask(text);
    expect(r.kind).toBe(kind);
    if (r.kind === 'answer') expect(r.entry.entryId).not.toBe('about-backbuddy');
  });
});

describe('a message that opens with its question', () => {
  it('is answered from the question when the context after it pulls the search elsewhere', async () => {
    const r = await ask('How long should I hold each stretch? My friend says ten seconds, my sister says a full minute.');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('how-to-stretch-safely');
  });

  describe('follow-ups that bring a new subject to the topic', () => {
    const talk = async (conversation: string, first: string, second: string) => {
      await ask(first, conversation);
      return ask(second, conversation);
    };

    it('answers "is it safe if …" from an entry on both the topic and the condition', async () => {
      const r = await talk('subject-bath', 'are hot baths ok for a bad back', 'and is that safe if im pregnant?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('heat-and-warm-baths-in-pregnancy');
    });

    it('quotes what the entry just given says about the condition', async () => {
      const r = await talk('subject-asthma', 'can I take ibuprofen for back pain', 'is it ok if ive got asthma?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('nsaids-how-much-they-help');
      expect(r.kind === 'answer' && r.summary).toMatch(/^From ".+": .*asthma/);
    });

    it("gives the condition's own entry when no entry covers both", async () => {
      const r = await talk('subject-osteo', 'is yoga any good for back pain', 'is that ok with osteoporosis?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('osteoporosis-and-exercise');
    });

    it('reads who "for me" is from the context after the question', async () => {
      const r = await talk('subject-for-me', 'would a yoga class help my back', 'would it be alright for me? I am 30 weeks pregnant');
      expect(r.kind === 'answer' && r.entry.entryId).toMatch(/^pregnancy-/);
    });

    it('keeps a kind of care that is no activity when a condition is asked about, not exercise for the condition', async () => {
      const r = await talk('subject-massage-osteo', 'can a massage ease a sore back', 'what if she has osteoporosis? it is for my gran');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('massage-for-back-pain');
    });

    it("gives the entry on an operation when it says when to exercise again, after an activity", async () => {
      const r = await talk('subject-swim-op', 'is swimming alright for a bad back', 'what if I had a discectomy two years ago?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('recovery-after-back-surgery');
    });

    it('gives the entry named for an activity asked about, over a passing mention in the last entry', async () => {
      const r = await talk('subject-run', 'heat or ice for a sore back', 'is it safe to run with it?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('running-and-back-pain');
    });

    it('reads "what if I use … instead of a chair" as another thing to sit on', async () => {
      const r = await talk('subject-ball-chair', 'what height should my desk chair be', 'what if I sat on an exercise ball instead of a chair?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('office-chairs-and-lumbar-cushions');
    });

    it('answers for the thing it knows of two joined by "or", even when it does not know the other', async () => {
      const r = await talk('subject-or-thing', 'are sit-stand desks worth it for a bad back', 'how about one of them zorbling stools or a kneeling chair?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('office-chairs-and-lumbar-cushions');
    });

    it('gives the entry on another thing asked about instead', async () => {
      const r = await talk('subject-standing', 'how do I set up my desk so my back stops aching', 'what about a standing desk instead?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('standing-desks');
    });

    it('keeps the entry just given when it mentions the thing, quoting it', async () => {
      const r = await talk('subject-topper', 'will a new mattress help my back', 'what about a mattress topper instead');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('mattresses-and-back-pain');
    });

    it('never offers a routine for a thing to sit on', async () => {
      const r = await talk('subject-cushion', 'do massage guns help back pain', 'what about one of those massage cushions for the office chair?');
      expect(r.kind === 'answer' && r.entry.kind).not.toBe('stretch');
    });

    it('offers something else to do, not a myth, for "anything else?"', async () => {
      const r = await talk('else-sitting', 'how do I make sitting all day easier on my back', 'anything else?');
      expect(r.kind === 'answer' && r.entry.tags).not.toContain('myths');
    });

    it('answers "will it go away by itself" from a related entry on the same condition that says how it goes', async () => {
      const r = await talk('course-sciatica', 'my GP says I have sciatica, what can I do at home', 'will it go away by itself or do I need treatment?');
      expect(r.kind === 'answer' && r.entry.entryId).toBe('sciatica-explained');
      expect(r.kind === 'answer' && r.summary).toMatch(/weeks/);
    });
  });
});

describe('follow-ups in wordings no development writer used (issue #11, third follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  it.each(['would a hot water bottle do instead', 'what about a heating pad', 'and a heat wrap?'])('keeps heat or ice, quoted, for "%s" (its title names heat)', async (text) => {
    const r = await talk(`thing-${text}`, 'should I use heat or ice on my back', text);
    expect(r.kind === 'answer' && r.entry.entryId).toBe('heat-or-ice');
    expect(r.kind === 'answer' && r.summary).toMatch(/^From "/);
  });
  it('keeps the topic for "can I use it at work?"', async () => {
    const r = await talk('use-at-work', 'should I use heat or ice on my back', 'can I use it at work');
    expect(r.kind === 'answer' && r.entry.tags).toContain('heat-cold');
  });
  it('answers "will it settle without it?" after a kind of care with how back pain usually goes', async () => {
    const r = await talk('course-massage', 'does massage help back pain', 'will my back settle without it');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('acute-back-pain-how-long');
  });
  it('gives another routine for "is there another one?" after a routine', async () => {
    const first = await ask("what's a good stretch for my lower back", 'another-routine');
    const r = await ask('is there another one', 'another-routine');
    expect(r.kind === 'answer' && r.entry.kind).toBe('stretch');
    expect(r.kind === 'answer' && first.kind === 'answer' && r.entry.entryId).not.toBe(first.kind === 'answer' && first.entry.entryId);
  });
  it('answers "how often should I get up?" after sitting all day from the entry on how often to take breaks', async () => {
    const r = await talk('often-breaks', 'my lower back hurts after sitting all day at work', 'how often should I get up');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('how-often-to-take-movement-breaks');
  });
  it('answers "will it go after the birth?" after pregnancy back pain from the entry on back pain after birth', async () => {
    const r = await talk('course-birth', "I'm 28 weeks pregnant and my back aches", 'will it go after the birth');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('back-pain-after-birth');
  });
  it('answers "can I use a heat pack?" after pregnancy back pain from the entry on heat in pregnancy', async () => {
    const r = await talk('heat-pregnancy', "I'm 28 weeks pregnant and my back aches", 'can I use a heat pack');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('heat-and-warm-baths-in-pregnancy');
  });
  it("quotes the entry's own sentence on how the pain goes when it names the message's own words", async () => {
    const r = await talk('course-pgp', 'Is pelvic girdle pain common in pregnancy? 30 weeks and my pelvis is sore', 'Will it go away after the baby comes?');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('pelvic-girdle-pain-in-pregnancy');
    expect(r.kind === 'answer' && r.summary).toMatch(/baby/);
  });
  it('gives the long-drives entry again, in full, for "anything else?" when no related entry is about driving', async () => {
    const r = await talk('else-drive', 'tips for back pain on long drives?', 'what else can I do?');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('long-drives-and-back-ache');
  });
  it('never offers a tip that restates the entry after "already tried all that"', async () => {
    const r = await talk('else-period', 'What helps back pain during my period?', 'anything else? tried all that already');
    expect(r.kind === 'answer' && r.entry.kind).not.toBe('tip');
  });
  it('still offers something else on the same situation when there is one', async () => {
    const r = await talk('else-garden', 'How do I protect my back when I am gardening?', "any other tips? I've a big hedge to cut next week");
    expect(r.kind === 'answer' && ['gardening-and-back-pain', 'tip-garden-swap-jobs']).toContain(r.kind === 'answer' && r.entry.entryId);
  });
  it('gives the entry named for the new word of a thing ("a treadmill desk" after standing desks)', async () => {
    const r = await talk('thing-treadmill', 'are sit-stand desks good for back pain', 'what about a treadmill desk instead? one of the managers has one');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('treadmill-walking-with-back-pain');
  });
  it('stays with the entry just given for a thing the library never names ("a lidocaine patch" after rub-on painkillers)', async () => {
    const r = await talk('thing-unknown', 'Does Voltaren gel work for back pain?', 'what about a lidocaine patch instead?');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('rub-on-painkillers-gels-and-creams');
  });
  it('gives the fuller entry, not a tip, for a medicine asked about instead', async () => {
    const r = await talk('thing-tylenol', 'Is it ok to take Advil for my sore back?', 'what about Tylenol instead? Advil upsets my stomach');
    expect(r.kind === 'answer' && r.entry.kind).not.toBe('tip');
  });
  it('gives a seated routine for the same body area as the routine just given', async () => {
    await ask('whats a good stretch for a tight lower back', 'seated-area');
    const r = await ask('any I can do sitting at my desk without getting funny looks?', 'seated-area');
    expect(r.kind === 'answer' && r.entry.kind === 'stretch' && r.entry.entryId).toBeTruthy();
    expect(r.kind === 'answer' && ['stretch-seated-pelvic-tilt', 'stretch-seated-cat-cow', 'stretch-seated-twist']).toContain(r.kind === 'answer' && r.entry.entryId);
  });
  it('gives the fuller entry on a thing, not a tip, for "what about a new pillow"', async () => {
    const r = await talk('thing-pillow', 'my neck and shoulders ache after work', 'what about a new pillow');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('pillows-for-back-pain');
  });
});

describe('follow-ups: general causes shared by several writers (issue #11, fourth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string, on = assistant) => {
    await on.reply({ text: first, conversation });
    return on.reply({ text: second, conversation });
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  const LOWER_BACK_SEATED = ['stretch-seated-pelvic-tilt', 'stretch-seated-cat-cow', 'stretch-seated-twist'];
  // Writers F and I: a seated routine after a topic is for the body area its title names ("Back ache on
  // long drives" is the lower back, not the upper back its posture tag points at), and for the upper
  // back it is the routine for that area alone (the chair back extension), not shoulder rolls.
  it('gives a lower-back seated routine after long drives, whose title says back ache', async () => {
    expect(LOWER_BACK_SEATED).toContain(id(await talk('seat-drive', 'my back gets sore on long car journeys', "is there one I can do sitting in the driver's seat?")));
  });
  it.each([
    ['my shoulders are rounded from hunching over a laptop', 'any I could do in my chair?'],
    ['the spot between my shoulder blades aches at work', 'can I do something for it without leaving my seat?'],
  ])('gives the upper-back routine done in the chair after %j', async (first, second) => {
    expect(id(await talk(`seat-upper-${first}`, first, second))).toBe('stretch-chair-back-extension');
  });
  // Writers F and G: a heat belt after TENS got the TENS entry (its "pads" and "try heat"). An entry
  // about more of the thing's words answers, the one about its first word (what kind of thing) first.
  it.each(['would one of those heated belts be better?', 'and a heated wrap belt?', 'what about a heat belt'])('gives heat or ice for %j after TENS', async (text) => {
    expect(id(await talk(`heat-belt-${text}`, 'is a tens machine worth buying for my back', text))).toBe('heat-or-ice');
  });
  it('keeps the entry just given when it is about as many of the words ("a tennis ball" after foam rolling)', async () => {
    expect(id(await talk('tennis-ball', 'does foam rolling help a stiff back', 'what about a tennis ball against the wall instead?'))).toBe('foam-rolling-for-back-pain');
  });
  it('gives the same seated routine after a topic whatever the time of day', async () => {
    const got = new Set<string>();
    for (const hour of ['08', '11', '14', '17']) {
      const a = createAssistant({ clock: fixedClock(`2026-11-26T${hour}:07:13Z`) });
      got.add(id(await talk('seat-clock', 'period pain in my lower back again', 'anything I can do at my desk in my chair?', a)));
    }
    expect(got.size).toBe(1);
    expect(LOWER_BACK_SEATED).toContain([...got][0]);
  });
});

describe('"anything else?" after lifting (writers E and I, fourth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  // The other lifting entry has the very same tags: it only says the same for another setting.
  it('gives a tip that adds something, not lifting at home, after lifting at work', async () => {
    expect(id(await talk('else-lift-work', "how should I lift stock at work so I don't wreck my back", 'what else can I do to look after it?'))).toBe('tip-bending-is-safe');
  });
  // Writers F and G: an entry for a situation or thing of its own (gardening, running surfaces, a
  // mattress) is advice for that, not something else to try for the topic just given.
  it('gives no entry for a situation of its own (gardening) after lifting at home', async () => {
    expect(id(await talk('else-lift-home', 'moving house next week, how do I lift boxes at home without hurting my back', 'anything else that would help?'))).not.toBe('gardening-and-back-pain');
  });
  it.each([
    ['how should I lie in bed with a sore lower back', 'anything else for the nights?', 'mattresses-and-back-pain'],
    ['does running wreck your back', 'anything else besides that?', 'running-surfaces-treadmill-road-trail'],
  ])('after %j, %j does not give %s', async (first, second, not) => {
    expect(id(await talk(`else-own-${first}`, first, second))).not.toBe(not);
  });
  it("still gives the entry's own tip after gardening", async () => {
    expect(id(await talk('else-garden', 'how do I garden without hurting my back', 'anything else?'))).toBe('tip-garden-swap-jobs');
  });
});

describe('"anything else?" when the activity advised is already done (writers I and J, fourth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  it.each(['anything else apart from keeping active?', "what else is there? I've tried most of that already"])('gives something other than more activity after long-lasting back pain: %j', async (text) => {
    const r = await talk(`else-active-${text}`, 'my back has been bad for years', text);
    expect(r.kind === 'answer' && r.entry.tags.some((t) => ['exercise', 'staying-active', 'strength-training', 'yoga-pilates', 'stretching'].includes(t))).toBe(false);
  });
  it('still offers other exercise after an activity itself ("besides walking")', async () => {
    expect(id(await talk('else-walking', 'does walking help back pain', 'anything else besides walking?'))).toBe('which-exercise-is-best');
  });
});

describe('follow-ups in new wordings, general forms (fourth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  it.each([
    ['is massage good for back pain', 'interesting, can you tell me a bit more?', 'massage-for-back-pain'],
    ['what is sciatica', "what's actually going on in there?", 'sciatica-explained'],
    ['is running bad for my back', 'safe at 65?', 'running-and-back-pain'],
    ['does swimming help back pain', 'how many sessions a week is ideal', 'swimming-with-back-pain'],
    ['my back went yesterday lifting a box', 'is this going to clear up without me doing anything?', 'acute-back-pain-how-long'],
  ])('after %j, %j stays on the topic (%s)', async (first, second, want) => {
    expect(id(await talk(`general-${second}`, first, second))).toBe(want);
  });
  it('quotes the heat entry for "is it fine to sleep with it on?" (falling asleep is sleep)', async () => {
    const r = await talk('general-asleep', 'heat or ice for my back', 'is it fine to sleep with it on?');
    expect(id(r)).toBe('heat-or-ice');
    expect(r.kind === 'answer' && r.summary).toMatch(/asleep/);
  });
});

describe('"is it ok during pregnancy?" after a kind of care (fourth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  // An entry "on both" must name the last topic too: TENS shares massage's tags and mentions pregnancy
  // in passing, but is not about massage in pregnancy.
  it('gives the pregnancy entry, not TENS, after massage', async () => {
    expect(id(await talk('preg-massage', 'does massage help back pain', 'is it ok during pregnancy'))).toBe('pregnancy-back-pain');
  });
  it('still gives heat in pregnancy after hot baths', async () => {
    expect(id(await talk('preg-bath', 'do hot baths help my back', "is that safe if I'm pregnant?"))).toBe('heat-and-warm-baths-in-pregnancy');
  });
});

describe('another thing asked after context (fifth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  it.each([
    ['is a standing desk good for my back', "my office won't buy them - would a desk riser be any good?", 'standing-desks'],
    ['does foam rolling help back pain', "haven't got a roller. what about a rolling pin?", 'foam-rolling-for-back-pain'],
    ['heat or ice for my back', 'no heat pack at home, would a wheat bag do the job?', 'heat-or-ice'],
  ])('after %j, %j stays on the topic (%s)', async (first, second, want) => {
    expect(id(await talk(`context-${second}`, first, second))).toBe(want);
  });
});

describe('how long till it is well, after a first-days or self-care answer (fifth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  it('gives how long back pain usually lasts for "how long until i\'m ok again?" after a back that just went', async () => {
    expect(id(await talk('well-acute', 'just did my back in what do i do now', "how long until i'm ok again?"))).toBe('acute-back-pain-how-long');
  });
  it('gives the sciatica entry that says how long it lasts for "how long do flares like mine go on" after sciatica self-care', async () => {
    expect(id(await talk('well-sciatica', 'what helps sciatica at home', 'how long do flares like mine go on'))).toBe('sciatica-explained');
  });
});

describe('how often, with a purpose or a second question, stays on the topic (fifth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  it.each([
    ['does yoga help back pain', 'how many sessions a week before i see results', 'yoga-for-back-pain'],
    ['does foam rolling help back pain', 'is it fine to do it daily or is that too much', 'foam-rolling-for-back-pain'],
  ])('after %j, %j stays on the topic (%s)', async (first, second, want) => {
    expect(id(await talk(`often-${second}`, first, second))).toBe(want);
  });
});

describe('how it works and why one thing beats another, after an answer (fifth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  it.each([
    ['is a tens machine any good for back pain', 'so how would that dull the pain exactly', 'tens-machines'],
    ['should i stay in bed with a bad back', 'why is moving about better than bed rest', 'myth-bed-rest'],
  ])('after %j, %j gives more of the same entry (%s)', async (first, second, want) => {
    expect(id(await talk(`works-${second}`, first, second))).toBe(want);
  });
});

describe('"what else?" after paracetamol (fifth follow-up round)', () => {
  it('gives the guidance on pain relief, not the tip that restates paracetamol', async () => {
    await ask('does paracetamol actually work for back pain', 'else-paracetamol');
    const r = await ask('ok so what else could i try then', 'else-paracetamol');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('pain-relief-what-guidelines-say');
  });
});

describe('"anything else?": the same topic first, then a kind of care, then another topic (fifth follow-up round)', () => {
  const talk = async (conversation: string, first: string, second: string) => {
    await ask(first, conversation);
    return ask(second, conversation);
  };
  const id = (r: Awaited<ReturnType<typeof ask>>) => (r.kind === 'answer' ? r.entry.entryId : r.kind);
  it('gives movement breaks, a kind of care, before posture at a desk after sitting all day', async () => {
    expect(id(await talk('else-sitting', 'does sitting all day hurt your back', 'anything else worth doing?'))).toBe('how-often-to-take-movement-breaks');
  });
  it('still gives talking therapies, on the same main topic, after stress', async () => {
    expect(id(await talk('else-stress', 'can stress cause back pain', 'what more can i do'))).toBe('mindfulness-and-talking-therapies');
  });
});

describe('a seated version asked at length, with an emoji (fifth follow-up round)', () => {
  it('gives a seated routine after a desk topic', async () => {
    await ask('why does my upper back ache at my desk', 'seated-long');
    const r = await ask('any i can do sitting down without the whole team noticing me 🙈', 'seated-long');
    expect(r.kind === 'answer' && r.entry.kind).toBe('stretch');
    expect(r.kind === 'answer' && r.entry.entryId).toMatch(/^stretch-(chair|seated|shoulder)/);
  });
});

describe('a thing described at length after standing desks (fifth follow-up round)', () => {
  it('stays with standing desks for a desk riser described in a relative clause', async () => {
    await ask('is a standing desk good for my back', 'riser-long');
    const r = await ask('what about one of those desk risers that sit on top of an ordinary desk', 'riser-long');
    expect(r.kind === 'answer' && r.entry.entryId).toBe('standing-desks');
  });
});
