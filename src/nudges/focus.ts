import { BodyArea } from '../knowledge/schema.js';
import type { RoutineInfo } from './rotation.js';

/** What a subscription's focus may name: a body area the routines work on, or a tag a routine carries. */
export function focusChoices(routines: readonly RoutineInfo[]): string[] {
  return [...new Set<string>([...BodyArea.options, ...routines.flatMap((r) => r.tags)])].sort();
}

/**
 * Pure: null when every focus word is a choice, else the one-line error naming the unknown ones and
 * listing the choices. A focus nothing matches would quietly post every routine instead.
 */
export function checkFocus(focus: readonly string[], choices: readonly string[], written = '--focus'): string | null {
  const unknown = focus.filter((f) => !choices.includes(f));
  if (unknown.length === 0) return null;
  return `${written}: unknown focus ${unknown.map((u) => `"${u}"`).join(', ')}; expected a comma list of ${choices.join(', ')}`;
}
