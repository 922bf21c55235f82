// Suggestions while someone types an option (Discord autocomplete): topics for a tip, time zones for nudges.
import type { Assistant } from '../core/assistant.js';

export type Choice = { name: string; value: string };

/** Value prefix for a tip picked by title: the adapter shows that exact entry instead of searching. */
export const ENTRY_CHOICE = 'entry:';

/** Tags first, then tip titles, that contain what was typed (all of them, up to `max`, when nothing was). */
export function topicChoices(assistant: Assistant, typed: string, max: number): Choice[] {
  const q = typed.trim().toLowerCase();
  const tags = assistant.topics().map((t) => ({ name: t, value: t }));
  const titles = assistant.kb.entries.filter((e) => e.kind === 'tip').map((e) => ({ name: e.title, value: `${ENTRY_CHOICE}${e.id}` }));
  return [...tags, ...titles].filter((c) => !q || c.name.toLowerCase().includes(q)).slice(0, max);
}

// Node 20's Intl.supportedValuesOf('timeZone') leaves out UTC, so it is added.
let zones: string[] | null = null;
const allZones = () => (zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]);

/** IANA zones containing what was typed (`berlin` → Europe/Berlin), prefix matches first. */
export function timeZoneChoices(typed: string, max: number): Choice[] {
  const q = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const hits = allZones().filter((z) => z.toLowerCase().includes(q));
  const rank = (z: string) => (z.toLowerCase().startsWith(q) || z.toLowerCase().split('/').some((p) => p.startsWith(q)) ? 0 : 1);
  return hits.sort((a, b) => rank(a) - rank(b)).slice(0, max).map((z) => ({ name: z, value: z }));
}
