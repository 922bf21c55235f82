import { describe, expect, it } from 'vitest';
import { parseBackbuddyCommand, parseDirectCommand } from '../../../src/adapter-kit/backbuddy-command.js';

describe('parseBackbuddyCommand', () => {
  it.each([
    ['ask is sitting bad?', { kind: 'ask', question: 'is sitting bad?' }],
    ['ask', { kind: 'ask_usage' }],
    ['stretch', { kind: 'stretch' }],
    ['nudges', { kind: 'nudges', sub: 'status', words: [], personal: false }],
    ['nudges on every 2h tz "Europe/Berlin"', { kind: 'nudges', sub: 'on', words: ['every', '2h', 'tz', 'Europe/Berlin'], personal: false }],
    ['nudges on me every 90m hours 9-17 days mon-fri tz Europe/Paris', { kind: 'nudges', sub: 'on', words: ['every', '90m', 'hours', '9-17', 'days', 'mon-fri', 'tz', 'Europe/Paris'], personal: true }],
    ['nudges pause ME 2h', { kind: 'nudges', sub: 'pause', words: ['2h'], personal: true }],
    ['nudges off me', { kind: 'nudges', sub: 'off', words: [], personal: true }],
    ['nudges status me', { kind: 'nudges', sub: 'status', words: [], personal: true }],
    ['nudges me', { kind: 'nudges', sub: 'status', words: [], personal: true }],
    ['nudges snooze', { kind: 'nudges_usage', problem: 'nudges snooze: expected on, off, pause, resume or status' }],
    ['', { kind: 'help', unknown: null }],
    ['HELP', { kind: 'help', unknown: null }],
    ['frobnicate now', { kind: 'help', unknown: 'frobnicate' }],
  ])('reads "%s"', (text, cmd) => {
    expect(parseBackbuddyCommand(text)).toEqual(cmd);
  });
});

describe('parseDirectCommand (text typed in a DM with the bot)', () => {
  it.each([
    ['nudges on me every 90m', { kind: 'nudges', sub: 'on', words: ['every', '90m'], personal: true }],
    ['/backbuddy nudges status me', { kind: 'nudges', sub: 'status', words: [], personal: true }],
    ['Nudges pause 2h', { kind: 'nudges', sub: 'pause', words: ['2h'], personal: true }],
    ['nudges', { kind: 'nudges', sub: 'status', words: [], personal: true }],
  ])('reads "%s" as the person\'s own nudges', (text, cmd) => {
    expect(parseDirectCommand(text)).toEqual(cmd);
  });

  it.each(['nudges are annoying, why do my shoulders ache?', 'my back hurts', 'what are nudges', ''])('leaves "%s" to the assistant', (text) => {
    expect(parseDirectCommand(text)).toBeNull();
  });
});
