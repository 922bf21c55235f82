// A friendly stick-and-limb figure composed from joint angles, for the routine illustrations
// (knowledge/images/<entry-id>.svg, written by scripts/draw-routines.ts). Angles are degrees in SVG
// coordinates: 0 points right, 90 points down, -90 up. Each limb starts where the one before it ends,
// so a pose is a hip position and a handful of angles, and every figure keeps the same proportions.

export type Pt = [number, number];
export type Limb = { upper: number; lower: number; end?: number };
export type Pose = {
  hip: Pt;
  /** Direction hip → shoulder. */
  torso: number;
  /** Sideways bend of the back in px (positive bows to the figure's right of the hip→shoulder line). */
  bend?: number;
  /** Direction shoulder → head centre. */
  head: number;
  nearArm: Limb;
  farArm: Limb;
  nearLeg: Limb;
  farLeg: Limb;
  /** A front view: both sides are drawn in the figure's main colour. */
  front?: boolean;
  /** Front view: how far apart the shoulders and hips sit. */
  shoulderWidth?: number;
  hipWidth?: number;
};

/** Mid-tone card, light figure: reads on Slack's and Discord's light and dark themes alike. */
export const Palette = {
  card: '#5C7388',
  cardEdge: '#4A5E70',
  floor: '#485B6C',
  prop: '#3B4C5B',
  propLight: '#8194A6',
  skin: '#F6E7D2',
  far: '#CDB99F',
  shirt: '#F2A65A',
  shirtFar: '#C9823F',
  accent: '#FFD166',
} as const;

export const W = 400;
export const H = 300;
export const GROUND = 268;
const L = { torso: 72, neck: 30, head: 18, upperArm: 40, forearm: 38, hand: 7, thigh: 52, shin: 50, foot: 18 };

const rad = (d: number) => (d * Math.PI) / 180;
const r1 = (n: number) => Math.round(n * 10) / 10;
export const step = (p: Pt, angle: number, len: number): Pt => [p[0] + Math.cos(rad(angle)) * len, p[1] + Math.sin(rad(angle)) * len];
const pt = (p: Pt) => `${r1(p[0])} ${r1(p[1])}`;

export const line = (a: Pt, b: Pt, colour: string, width: number) =>
  `<path d="M${pt(a)} L${pt(b)}" stroke="${colour}" stroke-width="${width}" stroke-linecap="round" fill="none"/>`;
const polyline = (ps: Pt[], colour: string, width: number) =>
  `<path d="M${ps.map(pt).join(' L')}" stroke="${colour}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round" fill="none"/>`;

function limb(start: Pt, l: Limb, a: number, b: number, colour: string, width: number, endLen: number): { svg: string; end: Pt; joint: Pt } {
  const joint = step(start, l.upper, a);
  const tip = step(joint, l.lower, b);
  const points: Pt[] = [start, joint, tip];
  if (l.end !== undefined) points.push(step(tip, l.end, endLen));
  return { svg: polyline(points, colour, width), end: tip, joint };
}

/** The joints a pose puts where (for props and arrows that must meet a hand or a knee). */
export function joints(p: Pose) {
  const sw = p.front ? (p.shoulderWidth ?? 44) / 2 : 0;
  const hw = p.front ? (p.hipWidth ?? 24) / 2 : 0;
  const shoulder = step(p.hip, p.torso, L.torso);
  const head = step(shoulder, p.head, L.neck);
  const nearShoulder: Pt = [shoulder[0] + sw, shoulder[1]];
  const farShoulder: Pt = [shoulder[0] - sw, shoulder[1]];
  const nearHip: Pt = [p.hip[0] + hw, p.hip[1]];
  const farHip: Pt = [p.hip[0] - hw, p.hip[1]];
  return {
    shoulder, head, nearShoulder, farShoulder, nearHip, farHip,
    nearHand: step(step(nearShoulder, p.nearArm.upper, L.upperArm), p.nearArm.lower, L.forearm),
    farHand: step(step(farShoulder, p.farArm.upper, L.upperArm), p.farArm.lower, L.forearm),
    nearKnee: step(nearHip, p.nearLeg.upper, L.thigh),
    nearAnkle: step(step(nearHip, p.nearLeg.upper, L.thigh), p.nearLeg.lower, L.shin),
    farKnee: step(farHip, p.farLeg.upper, L.thigh),
    farAnkle: step(step(farHip, p.farLeg.upper, L.thigh), p.farLeg.lower, L.shin),
  };
}

/** The figure: far limbs first (shaded), then the trunk and head, then the near limbs. */
export function figure(p: Pose): string {
  const j = joints(p);
  const far = p.front ? Palette.skin : Palette.far;
  const farShirt = p.front ? Palette.shirt : Palette.shirtFar;
  const parts: string[] = [];
  parts.push(limb(j.farHip, p.farLeg, L.thigh, L.shin, far, 17, L.foot).svg);
  parts.push(limb(j.farShoulder, p.farArm, L.upperArm, L.forearm, farShirt, 14, L.hand).svg);
  // The trunk: a thick rounded stroke from hip to shoulder, bowed by `bend` through a quadratic curve.
  const mid: Pt = [(p.hip[0] + j.shoulder[0]) / 2, (p.hip[1] + j.shoulder[1]) / 2];
  const ctrl = step(mid, p.torso + 90, (p.bend ?? 0) * 2);
  if (p.front) {
    parts.push(`<path d="M${pt(j.farHip)} L${pt(j.nearHip)} L${pt(j.nearShoulder)} L${pt(j.farShoulder)} Z" fill="${Palette.shirt}" stroke="${Palette.shirt}" stroke-width="20" stroke-linejoin="round"/>`);
  } else {
    parts.push(`<path d="M${pt(p.hip)} Q${pt(ctrl)} ${pt(j.shoulder)}" stroke="${Palette.shirt}" stroke-width="30" stroke-linecap="round" fill="none"/>`);
  }
  parts.push(line(j.shoulder, step(j.shoulder, p.head, L.neck - L.head), Palette.skin, 11));
  parts.push(`<circle cx="${r1(j.head[0])}" cy="${r1(j.head[1])}" r="${L.head}" fill="${Palette.skin}"/>`);
  parts.push(limb(j.nearHip, p.nearLeg, L.thigh, L.shin, Palette.skin, 18, L.foot).svg);
  parts.push(limb(j.nearShoulder, p.nearArm, L.upperArm, L.forearm, Palette.shirt, 15, L.hand).svg);
  // Hands as small skin-coloured dots, so arms in a sleeve colour still end in a hand.
  for (const h of [j.nearHand, j.farHand]) parts.push(`<circle cx="${r1(h[0])}" cy="${r1(h[1])}" r="6.5" fill="${Palette.skin}"/>`);
  return `<g>${parts.join('')}</g>`;
}

/** A movement arrow: a curve from a through c to b with a filled head at b. */
export function arrow(a: Pt, c: Pt, b: Pt): string {
  const angle = Math.atan2(b[1] - c[1], b[0] - c[0]) * (180 / Math.PI);
  const left = step(b, angle + 150, 13);
  const right = step(b, angle - 150, 13);
  return `<path d="M${pt(a)} Q${pt(c)} ${pt(b)}" stroke="${Palette.accent}" stroke-width="6" stroke-linecap="round" fill="none"/>` +
    `<path d="M${pt(b)} L${pt(left)} L${pt(right)} Z" fill="${Palette.accent}" stroke="${Palette.accent}" stroke-width="3" stroke-linejoin="round"/>`;
}

export const floor = () => `<rect x="24" y="${GROUND}" width="${W - 48}" height="12" rx="6" fill="${Palette.floor}"/>`;
export const mat = (x1: number, x2: number) => `<rect x="${x1}" y="${GROUND - 6}" width="${x2 - x1}" height="8" rx="4" fill="${Palette.propLight}"/>`;

/** A chair seen from the side, facing right; the seat's top is at seatY. */
export function chair(x: number, seatY: number, opts: { back?: number } = {}): string {
  const back = opts.back ?? 95;
  return [
    line([x, seatY + 4], [x + 70, seatY + 4], Palette.prop, 10),
    line([x + 4, seatY], [x + 4, seatY - back], Palette.prop, 10),
    line([x + 8, seatY + 8], [x + 8, GROUND], Palette.prop, 8),
    line([x + 64, seatY + 8], [x + 64, GROUND], Palette.prop, 8),
  ].join('');
}

/** A desk: top at topY from x1 to x2, one leg at each end. */
export function desk(x1: number, x2: number, topY: number): string {
  return [
    `<rect x="${x1}" y="${topY}" width="${x2 - x1}" height="12" rx="4" fill="${Palette.prop}"/>`,
    line([x1 + 12, topY + 10], [x1 + 12, GROUND], Palette.prop, 9),
    line([x2 - 12, topY + 10], [x2 - 12, GROUND], Palette.prop, 9),
  ].join('');
}

export const wall = (x: number) => `<rect x="24" y="28" width="${x - 24}" height="${GROUND - 28}" rx="6" fill="${Palette.cardEdge}"/>`;
export const step3d = (x1: number, x2: number, topY: number) => `<rect x="${x1}" y="${topY}" width="${x2 - x1}" height="${GROUND - topY + 6}" rx="5" fill="${Palette.prop}"/>`;

/** The whole image: a rounded card, the scene, nothing else (no text: the steps say it in words). */
export function card(content: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W * 2}" height="${H * 2}">` +
    `<rect x="0" y="0" width="${W}" height="${H}" rx="28" fill="${Palette.card}"/>` +
    content.join('') +
    '</svg>\n';
}
