import { describe, expect, it } from 'vitest';
import { parseBackbuddyCommand } from '../../../src/adapter-kit/backbuddy-command.js';

describe('parseBackbuddyCommand', () => {
  it.each([
    ['ask is sitting bad?', { kind: 'ask', question: 'is sitting bad?' }],
    ['ask', { kind: 'ask_usage' }],
    ['stretch', { kind: 'stretch' }],
    ['nudges', { kind: 'nudges', sub: 'status', words: [] }],
    ['nudges on every 2h tz "Europe/Berlin"', { kind: 'nudges', sub: 'on', words: ['every', '2h', 'tz', 'Europe/Berlin'] }],
    ['nudges snooze', { kind: 'nudges_usage', problem: 'nudges snooze: expected on, off, pause, resume or status' }],
    ['', { kind: 'help', unknown: null }],
    ['HELP', { kind: 'help', unknown: null }],
    ['frobnicate now', { kind: 'help', unknown: 'frobnicate' }],
  ])('reads "%s"', (text, cmd) => {
    expect(parseBackbuddyCommand(text)).toEqual(cmd);
  });
});
