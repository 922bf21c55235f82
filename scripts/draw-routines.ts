/**
 * npm run draw:routines — writes knowledge/images/<entry-id>.svg, one illustration of the key position
 * of each stretch routine, from the poses below (joint angles, see scripts/figure.ts). The SVGs are
 * committed; `kb check` checks that every stretch has one and that each is a plain, safe SVG, and a test
 * checks that they equal what this script draws. Edit a pose here, run the script, look at the PNG.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultKnowledgeDir } from '../src/knowledge/paths.js';
import { arrow, card, chair, desk, figure, floor, GROUND, joints, mat, step3d, wall, type Pose } from './figure.js';

const STAND = GROUND - 9 - 102;
const SEAT = GROUND - 49;
const SIT = SEAT - 10;
const LIE = GROUND - 15;

const standing = (x: number, over: Partial<Pose> = {}): Pose => ({
  hip: [x, STAND], torso: -90, head: -90,
  nearArm: { upper: 95, lower: 92 }, farArm: { upper: 85, lower: 88 },
  nearLeg: { upper: 88, lower: 92, end: 0 }, farLeg: { upper: 92, lower: 88, end: 0 },
  ...over,
});
const seated = (x: number, over: Partial<Pose> = {}): Pose => ({
  hip: [x, SIT], torso: -90, head: -90,
  nearArm: { upper: 80, lower: 10 }, farArm: { upper: 75, lower: 5 },
  nearLeg: { upper: 0, lower: 90, end: 0 }, farLeg: { upper: -4, lower: 88, end: 0 },
  ...over,
});

export const ROUTINES: Record<string, () => string[]> = {
  'stretch-bird-dog': () => {
    const p: Pose = { hip: [168, 206], torso: -14, head: -20,
      nearArm: { upper: -8, lower: -6 }, farArm: { upper: 90, lower: 92 },
      nearLeg: { upper: 92, lower: 180, end: 180 }, farLeg: { upper: 182, lower: 180, end: 105 } };
    return [floor(), mat(40, 360), figure(p)];
  },
  'stretch-calf-raises': () => {
    const p = standing(180, { hip: [180, STAND - 14], nearArm: { upper: 75, lower: 30 }, farArm: { upper: 72, lower: 26 },
      nearLeg: { upper: 90, lower: 90, end: 55 }, farLeg: { upper: 92, lower: 88, end: 55 } });
    const j = joints(p);
    return [floor(), desk(j.nearHand[0] - 8, 372, j.nearHand[1] + 6), figure(p), arrow([j.nearAnkle[0] - 26, 256], [j.nearAnkle[0] - 30, 236], [j.nearAnkle[0] - 26, 212])];
  },
  'stretch-chair-back-extension': () => {
    const p = seated(188, { torso: -118, head: -128, bend: -5, nearArm: { upper: -55, lower: -165 }, farArm: { upper: -60, lower: -170 } });
    return [floor(), chair(150, SEAT, { back: 62 }), figure(p), arrow([215, 70], [190, 42], [150, 50])];
  },
  'stretch-childs-pose': () => {
    const p: Pose = { hip: [150, 230], torso: 10, head: 26,
      nearArm: { upper: 12, lower: 4 }, farArm: { upper: 10, lower: 2 },
      nearLeg: { upper: 40, lower: 180, end: 180 }, farLeg: { upper: 38, lower: 180, end: 180 }, bend: -6 };
    return [floor(), mat(40, 360), figure(p)];
  },
  'stretch-chin-tucks': () => {
    const p = seated(196, { head: -97 });
    const j = joints(p);
    return [floor(), chair(158, SEAT), figure(p), arrow([j.head[0] + 52, j.head[1] + 6], [j.head[0] + 44, j.head[1] + 10], [j.head[0] + 26, j.head[1] + 10])];
  },
  'stretch-dead-bug': () => {
    const p: Pose = { hip: [198, LIE], torso: 180, head: 180,
      nearArm: { upper: -88, lower: -90 }, farArm: { upper: 192, lower: 180 },
      nearLeg: { upper: -12, lower: -8, end: -80 }, farLeg: { upper: -92, lower: 0, end: -80 } };
    return [floor(), mat(24, 376), figure(p)];
  },
  'stretch-glute-bridge': () => {
    const p: Pose = { hip: [200, 212], torso: 152, head: 184,
      nearArm: { upper: 20, lower: 6 }, farArm: { upper: 18, lower: 4 },
      nearLeg: { upper: -26, lower: 86, end: 0 }, farLeg: { upper: -24, lower: 88, end: 0 } };
    return [floor(), mat(40, 360), figure(p), arrow([p.hip[0] - 6, p.hip[1] + 42], [p.hip[0] - 12, p.hip[1] + 22], [p.hip[0] - 6, p.hip[1] + 6])];
  },
  'stretch-hamstring-heel-on-step': () => {
    const p = standing(160, { torso: -68, head: -58, bend: 2,
      nearArm: { upper: 70, lower: 50 }, farArm: { upper: 66, lower: 48 },
      nearLeg: { upper: 28, lower: 28, end: -60 }, farLeg: { upper: 92, lower: 90, end: 0 } });
    return [floor(), step3d(238, 330, 212), figure(p)];
  },
  'stretch-knee-to-chest': () => {
    const p: Pose = { hip: [214, LIE], torso: 180, head: 180,
      nearArm: { upper: -50, lower: 0 }, farArm: { upper: -45, lower: 5 },
      nearLeg: { upper: -128, lower: -30, end: -100 }, farLeg: { upper: -42, lower: 72, end: 0 } };
    return [floor(), mat(24, 376), figure(p)];
  },
  'stretch-seated-cat-cow': () => {
    const p = seated(196, { torso: -92, head: -106, bend: 7, nearArm: { upper: 62, lower: 6 }, farArm: { upper: 58, lower: 2 } });
    const j = joints(p);
    return [floor(), chair(158, SEAT), figure(p), arrow([j.shoulder[0] + 30, j.shoulder[1] + 40], [j.shoulder[0] + 40, j.shoulder[1] + 10], [j.shoulder[0] + 26, j.shoulder[1] - 16])];
  },
  'stretch-seated-figure-four': () => {
    const p = seated(176, { torso: -70, head: -56, bend: 2,
      nearLeg: { upper: -26, lower: 162, end: 100 }, nearArm: { upper: 70, lower: 10 }, farArm: { upper: 72, lower: 0 } });
    return [floor(), chair(138, SEAT), figure(p)];
  },
  'stretch-seated-hamstring': () => {
    const p = seated(176, { torso: -70, head: -58, bend: 2,
      nearLeg: { upper: 18, lower: 30, end: -70 }, nearArm: { upper: 72, lower: 20 }, farArm: { upper: 70, lower: 16 } });
    return [floor(), chair(138, SEAT), figure(p)];
  },
  'stretch-seated-pelvic-tilt': () => {
    const p = seated(196, { torso: -94, bend: -6 });
    return [floor(), chair(170, SEAT), figure(p), arrow([234, SIT + 12], [222, SIT + 35], [196, SIT + 35])];
  },
  'stretch-seated-quad': () => {
    const p = seated(186, { nearArm: { upper: 82, lower: 14 },
      nearLeg: { upper: 98, lower: 186, end: 95 } });
    return [floor(), chair(148, SEAT), figure(p), arrow([p.hip[0] - 10, p.hip[1] + 26], [p.hip[0] + 6, p.hip[1] + 30], [p.hip[0] + 24, p.hip[1] + 22])];
  },
  'stretch-seated-twist': () => {
    const p = seated(196, { head: -112, nearArm: { upper: 150, lower: 100 }, farArm: { upper: 40, lower: 20 } });
    const j = joints(p);
    return [floor(), chair(160, SEAT), figure(p), arrow([j.shoulder[0] + 34, j.shoulder[1] + 4], [j.shoulder[0] + 10, j.shoulder[1] - 34], [j.shoulder[0] - 30, j.shoulder[1] - 22])];
  },
  'stretch-shoulder-rolls': () => {
    const p = standing(200, { front: true, shoulderWidth: 52, hipWidth: 26, torso: -90,
      nearArm: { upper: 68, lower: 84 }, farArm: { upper: 112, lower: 96 },
      nearLeg: { upper: 86, lower: 90, end: 0 }, farLeg: { upper: 94, lower: 90, end: 180 } });
    const j = joints(p);
    const [n, f] = [j.nearShoulder, j.farShoulder];
    return [floor(), figure(p),
      arrow([n[0] + 22, n[1] + 10], [n[0] + 34, n[1] - 34], [n[0] - 4, n[1] - 30]),
      arrow([f[0] - 22, f[1] + 10], [f[0] - 34, f[1] - 34], [f[0] + 4, f[1] - 30])];
  },
  'stretch-stand-up-break': () => {
    const p = standing(220, { nearArm: { upper: -40, lower: -48 }, farArm: { upper: -48, lower: -56 }, head: -96 });
    return [floor(), chair(90, SEAT), figure(p)];
  },
  'stretch-standing-back-extension': () => {
    const p = standing(200, { torso: -104, head: -112, bend: -5, nearArm: { upper: 135, lower: 30 }, farArm: { upper: 130, lower: 26 } });
    const j = joints(p);
    return [floor(), figure(p), arrow([j.head[0] + 20, j.head[1] - 28], [j.head[0] - 2, j.head[1] - 40], [j.head[0] - 26, j.head[1] - 30])];
  },
  'stretch-standing-hip-flexor': () => {
    const p = standing(180, { torso: -88, head: -88,
      nearArm: { upper: 40, lower: -10 }, farArm: { upper: 80, lower: 90 },
      nearLeg: { upper: 118, lower: 112, end: 40 }, farLeg: { upper: 70, lower: 102, end: 0 } });
    const j = joints(p);
    return [floor(), desk(j.nearHand[0] - 8, 372, j.nearHand[1] + 6), figure(p)];
  },
  'stretch-walking-break': () => {
    const p = standing(200, { torso: -86, head: -86,
      nearArm: { upper: 118, lower: 100 }, farArm: { upper: 64, lower: 40 },
      nearLeg: { upper: 68, lower: 96, end: -10 }, farLeg: { upper: 112, lower: 118, end: 40 } });
    return [floor(), figure(p)];
  },
  'stretch-wall-angels': () => {
    const p = standing(200, { front: true, shoulderWidth: 52, hipWidth: 28,
      nearArm: { upper: 0, lower: -90 }, farArm: { upper: 180, lower: -90 },
      nearLeg: { upper: 84, lower: 90, end: 0 }, farLeg: { upper: 96, lower: 90, end: 180 } });
    const j = joints(p);
    return [wall(376), floor(), figure(p),
      arrow([j.nearHand[0] + 24, j.nearHand[1] + 30], [j.nearHand[0] + 30, j.nearHand[1] + 8], [j.nearHand[0] + 24, j.nearHand[1] - 18]),
      arrow([j.farHand[0] - 24, j.farHand[1] + 30], [j.farHand[0] - 30, j.farHand[1] + 8], [j.farHand[0] - 24, j.farHand[1] - 18])];
  },
};

/** Every illustration as SVG text, by entry id. */
export const drawRoutines = (): Map<string, string> => new Map(Object.entries(ROUTINES).map(([id, draw]) => [id, card(draw())]));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(defaultKnowledgeDir(), 'images');
  mkdirSync(dir, { recursive: true });
  for (const [id, svg] of drawRoutines()) writeFileSync(join(dir, `${id}.svg`), svg);
  console.log(`draw:routines: wrote ${Object.keys(ROUTINES).length} illustrations to ${dir}`);
}
