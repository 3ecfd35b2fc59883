/**
 * The engagement model: when an agent fires, and the chance that a shot hits.
 *
 * An agent fires, once per simulation sub-step (4 per decision), at the nearest living enemy that is
 *   - inside its look cone: the four cones split the plane by the larger of |dx| and |dy| (north: dy ≥ |dx|
 *     and dy ≥ 0; south: −dy ≥ |dx|, dy < 0; east: dx > |dy|; west: −dx > |dy|), so diagonals go north or
 *     south and an enemy on the same waypoint counts as north. Every enemy is in exactly one cone, so with
 *     fewer than four targets some look direction fires at nobody: an agent can always hold fire,
 *   - in line of sight, and
 *   - within the outer band (300 units).
 * Each shot hits with probability
 *
 *   p = min(1, (BASE + band add-on) × shooter posture × target posture × target facing × (1 − target cover)
 *              × (0.5 + 0.5 × shooter health fraction) × team accuracy)
 *
 * | factor                         | value                                                              |
 * |--------------------------------|--------------------------------------------------------------------|
 * | BASE                           | 0.05                                                               |
 * | band add-on, by distance d     | d ≤ 50: +0.10;  d ≤ 150: +0.05;  d ≤ 300: +0.01;  d > 300: no shot  |
 * | shooter posture                | stand × 1;  prone × 1.25 (a steadier aim)                           |
 * | target posture                 | stand × 1;  prone × 0.5 (a smaller target)                          |
 * | target facing                  | shooter inside the target's look cone × 1;  outside (flank, rear) × 1.5 |
 * | target cover c (its waypoint)  | × (1 − c), c in [0, 0.9]                                           |
 * | shooter health fraction h      | × (0.5 + 0.5 h): a wounded shooter aims worse                      |
 * | team accuracy                  | red × 1;  blue × (0.5 + difficulty), difficulty in [0, 1]          |
 *
 * A hit takes `damage` (10) health. So two standing agents 100 units apart, facing each other in the open
 * at full health, hit with p = 0.10 per shot.
 *
 * Rules of engagement: a protected person (a civilian, or the trainee) within FIRE_CORRIDOR of the segment
 * from shooter to target is "in the line of fire"; firing at that target is a violation, counted whether or
 * not the shot hits.
 */

export const BASE_HIT_CHANCE = 0.3;
/** Upper distance bound and hit-probability add-on of each band, nearest first (src: GraphScoutMission). */
export const ENGAGEMENT_BANDS: readonly { readonly within: number; readonly add: number }[] = [
  { within: 50, add: 0.1 },
  { within: 150, add: 0.05 },
  { within: 300, add: 0.01 },
];
export const ENGAGE_RANGE = 300;
export const SHOOTER_PRONE_FACTOR = 1.25;
export const TARGET_PRONE_FACTOR = 0.5;
export const TARGET_UNAWARE_FACTOR = 1.5;
/** Map units either side of the line of fire (and around shooter and target) in which a protected person counts. */
export const FIRE_CORRIDOR = 25;

export interface ShotConditions {
  readonly distance: number;
  readonly shooterProne: boolean;
  readonly targetProne: boolean;
  /** Whether the shooter is inside the target's look cone. */
  readonly targetFacingShooter: boolean;
  readonly targetCover: number;
  /** Shooter's health / its maximum, in [0, 1]. */
  readonly shooterHealth: number;
  /** 1 for red, 0.5 + difficulty for blue. */
  readonly accuracy: number;
}

/** Index of the band a distance falls in (0 nearest), or −1 beyond the outer band. */
export function bandOf(distance: number): number {
  for (let b = 0; b < ENGAGEMENT_BANDS.length; b++) if (distance <= ENGAGEMENT_BANDS[b]!.within) return b;
  return -1;
}

/** The chance that one shot under `c` hits (0 beyond the outer band). */
export function hitProbability(c: ShotConditions): number {
  const band = bandOf(c.distance);
  if (band < 0) return 0;
  const p =
    (BASE_HIT_CHANCE + ENGAGEMENT_BANDS[band]!.add) *
    (c.shooterProne ? SHOOTER_PRONE_FACTOR : 1) *
    (c.targetProne ? TARGET_PRONE_FACTOR : 1) *
    (c.targetFacingShooter ? 1 : TARGET_UNAWARE_FACTOR) *
    (1 - c.targetCover) *
    (0.5 + 0.5 * c.shooterHealth) *
    c.accuracy;
  return Math.min(1, Math.max(0, p));
}

/** Team accuracy of blue for a difficulty in [0, 1]. */
export function blueAccuracy(difficulty: number): number {
  return 0.5 + difficulty;
}

/** The look cone an offset (dx, dy) lies in: 0 north, 1 south, 2 west, 3 east (the order of the look branch). */
export function coneOf(dx: number, dy: number): number {
  if (Math.abs(dy) >= Math.abs(dx)) return dy >= 0 ? 0 : 1;
  return dx > 0 ? 3 : 2;
}

/** Whether an offset (dx, dy) from an agent lies in the cone of look direction `look`. */
export function inLookCone(dx: number, dy: number, look: number): boolean {
  return coneOf(dx, dy) === look;
}

/** Distance from point P to the segment AB. */
export function distanceToSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether a person at P is in the line of fire from A to B. */
export function inLineOfFire(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return distanceToSegment(ax, ay, bx, by, px, py) <= FIRE_CORRIDOR;
}
