import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dir = join(import.meta.dirname, '../../../adapters/slack');
const manifestText = readFileSync(join(dir, 'manifest.yaml'), 'utf8');
const readme = readFileSync(join(dir, 'README.md'), 'utf8').replace(/\s+/g, ' ');
const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'];

describe('the Slack app manifest', () => {
  const urlLines = manifestText.split('\n').filter((l) => /^\s*# (url|request_url): https:\/\/YOUR-HOST\/slack\/events$/.test(l));

  it('has one commented-out URL per slash command, for events and for interactivity', () => {
    const manifest = parse(manifestText) as { features: { slash_commands: unknown[] } };
    expect(urlLines).toHaveLength(manifest.features.slash_commands.length + 2);
  });

  it('says how many URL lines there are to uncomment, in the manifest and in the README', () => {
    const count = NUMBERS[urlLines.length];
    expect(manifestText).toContain(`uncomment the ${count} URLs below`);
    expect(readme).toContain(`uncomment the ${count} \`url\`/\`request_url\` lines`);
  });
});
