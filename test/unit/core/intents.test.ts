import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../../src/core/intents.js';

describe('detectIntent', () => {
  it.each([
    ['hi', 'greeting'],
    ['Good morning!', 'greeting'],
    ['hey backbuddy 👋', 'greeting'],
    ['thanks!', 'thanks'],
    ['Thank you so much', 'thanks'],
    ['what can you do?', 'help'],
    ['?', 'help'],
    ['are you a bot?', 'about'],
    ['bye', 'farewell'],
    ['ok', 'ack'],
    ['ok got it', 'ack'],
    ['alright cool', 'ack'],
    ['ah ok fair enough', 'ack'],
    ['sounds good', 'ack'],
    ['how are you', 'how_are_you'],
    ['tell me a joke', 'joke'],
    ["you're useless", 'complaint'],
    ['stop', 'stop'],
    ["i'm bored", 'bored'],
  ])('reads %j as %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it.each(['thanks, but my hip still hurts', 'hi, why does my back ache after sitting?', 'stop sitting all day?', ''])(
    'leaves a real question alone: %j',
    (text) => {
      expect(detectIntent(text)).toBeNull();
    },
  );
});

describe('thanks after an answer', () => {
  it.each(['thanks that helped', 'cheers, will try that', 'perfect ty', 'great, cheers', 'thank you so much, really useful', '👍', '🙏', 'tq so much', 'thanx, will give it a go', 'great thanks, need to get back to work now'])('hears "%s" as thanks', (text) => {
    expect(detectIntent(text)).toBe('thanks');
  });
  it.each(['thanks, but my hip still hurts', 'thanks — is it safe to run?', 'that did not help', 'got a bad back, what helps', 'is there a perfect sitting position for your back', 'new mum with a bad back, what helps', 'pls share a lower back stretch, thx', 'need a stretch for my hips thx', 'whats a hamstring stretch that actually helps the back'])('does not take "%s" for plain thanks', (text) => {
    expect(detectIntent(text)).not.toBe('thanks');
  });
});

describe('acknowledgements in Australian, New Zealand, Irish and British English', () => {
  it.each(['sweet as', 'brill', 'grand so', 'no worries', 'all good mate', 'good stuff, cheers', 'good on ya', 'sweet as, thanks', 'chur'])('reads "%s" as thanks or an acknowledgement', (text) => {
    expect(['thanks', 'ack']).toContain(detectIntent(text));
  });
  it('still reads a question after the acknowledgement as a question', () => {
    expect(detectIntent('sweet as, but how long do i hold it?')).toBeNull();
  });
});

describe('thanks with a promise to report back', () => {
  it('reads "ta very much, I\'ll let you know how I get on" as thanks', () => {
    expect(detectIntent("ta very much, I'll let you know how I get on")).toBe('thanks');
  });
});
