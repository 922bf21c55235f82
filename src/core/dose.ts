import type { Amount, StretchEntry } from '../knowledge/schema.js';

const span = (a: Amount, unit = '') => (Array.isArray(a) ? `${a[0]}–${a[1]}${unit}` : `${a}${unit}`);

/** Seconds as people say them: whole minutes in minutes ("2–5 min"), anything else in seconds. */
const time = (a: Amount) => {
  const parts = Array.isArray(a) ? a : [a];
  if (parts.every((s) => s >= 60 && s % 60 === 0)) return span((Array.isArray(a) ? [a[0] / 60, a[1] / 60] : a / 60) as Amount, ' min');
  return span(a, ' s');
};

/** Where it can be done: seated in work clothes, on your feet in work clothes, or away from the desk. */
export function settingLine(e: Pick<StretchEntry, 'seated' | 'desk_friendly'>): string {
  if (e.seated) return 'Can be done seated, in work clothes.';
  if (e.desk_friendly) return 'Done on your feet, in work clothes; not a seated one.';
  return 'Best done away from your desk (not a seated one).';
}

/**
 * One line saying how much and how often, and where: "Dose: hold 20–30 s, 2 times each side, a few
 * times a day. Can be done seated, in work clothes." Pure; every renderer shows it as it is.
 */
export function doseLine(e: Pick<StretchEntry, 'dose' | 'seated' | 'desk_friendly'>): string {
  const d = e.dose;
  const parts: string[] = [];
  if (d.hold_s !== undefined) parts.push(`hold ${time(d.hold_s)}`);
  if (d.reps !== undefined) {
    const sets = d.sets === undefined || d.sets === 1 ? '' : `, ${span(d.sets)} sets`;
    parts.push(`${span(d.reps)} times${d.each_side ? ' each side' : ''}${sets}`);
  }
  if (d.for_s !== undefined) parts.push(time(d.for_s));
  parts.push(d.per_day);
  return `Dose: ${parts.join(', ')}. ${settingLine(e)}`;
}
