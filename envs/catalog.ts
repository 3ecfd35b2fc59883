/**
 * The built-in environments by name, with what a run configuration needs to know of them (the default number of
 * areas, the decision period) and a line for help, but none of their code: src/config checks names and fills
 * defaults from here without loading every scene. envs/registry.ts adds each one's scene factory.
 */
export interface BuiltinEnvEntry {
  name: string;
  description: string;
  /** Academy steps between two decisions of an agent (Unity's DecisionRequester.DecisionPeriod). */
  decisionPeriod: number;
  /** Copies of the task in one scene when the user does not say (ML-Agents' num_areas). */
  defaultNumAreas: number;
  /**
   * Every behavior id ("Name?team=N") the scene may announce (its Scene.behaviorSpecs; a test keeps them in step),
   * so that a run configuration's behavior names are checked before anything is written or launched.
   */
  behaviors: readonly string[];
  /** Those of `behaviors` that some environment parameter keeps silent (scout's Blue with blue_scripted: 1). */
  optionalBehaviors?: readonly string[];
}

export const BUILTIN_ENV_CATALOG: readonly BuiltinEnvEntry[] = [
  {
    name: 'basic',
    description: "ML-Agents' Basic example: a line of positions 0..20, start at 10; behavior Basic?team=0, a one-hot of the position (20 observations), one discrete branch of 3 (stay, left, right); −0.01 a step, +0.1 at the small goal (7), +1 at the large goal (17), either ends the episode; optimum 0.93 in 7 steps.",
    decisionPeriod: 1,
    defaultNumAreas: 1,
    behaviors: ['Basic?team=0'],
  },
  {
    name: 'cartpole',
    description: "gym's CartPole-v1: balance a pole on a cart for 500 steps; behavior CartPole?team=0, 4 observations, one discrete branch of 2.",
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['CartPole?team=0'],
  },
  {
    name: 'coop-switch',
    description: 'Two members of a group (CoopSwitch?team=0) in a corridor: one must press a switch and leave the episode so that the other can reach the exit; group reward only (an MA-POCA test bed).',
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['CoopSwitch?team=0'],
  },
  {
    name: 'corridor',
    description: 'A sparse-reward corridor for curiosity and RND: cells 0..11 behind doors, start at 0; in each cell one of 3 levers opens the next door and the others send the agent back to 0; +1 only on reaching cell 11 (ends the episode), interrupted after max_steps (parameter, default 40); behavior Corridor?team=0, a one-hot of the cell (12 observations), one discrete branch of 3.',
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['Corridor?team=0'],
  },
  {
    name: 'duel',
    description: 'A symmetric self-play race: two runners (Duel?team=0, Duel?team=1, one spec) start at the ends of a line of 7 cells; the first on the middle flag wins (+1, the other −1); back, stay or forward; 3 observations.',
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['Duel?team=0', 'Duel?team=1'],
  },
  {
    name: 'goal-line',
    description: "A goal-conditioned line (after ML-Agents' GridWorld): cells 0..8, start at 4, a green and a red marker at the ends (sides drawn per episode); behavior GoalLine?team=0, observations the one-hot cell and the green side (10) and the goal, a GOAL_SIGNAL one-hot (green, red); one discrete branch of 3 (stay, left, right); −0.01 a step, +1 at the goal's marker, −1 at the other (either ends the episode), interrupted after max_steps (parameter, default 20); optimum 0.96.",
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['GoalLine?team=0'],
  },
  {
    name: 'gridworld',
    description: 'Two foragers (Forager?team=0, one group per area) race a guard (Guard?team=1) to two food items on a masked 5×5 grid; parameter camera: 1 replaces the vector observations with an 84×84 RGB top-down view ([3, 84, 84], as ML-Agents\' GridWorld camera).',
    decisionPeriod: 1,
    defaultNumAreas: 4,
    behaviors: ['Forager?team=0', 'Guard?team=1'],
  },
  {
    name: 'pendulum',
    description: "gym's Pendulum-v1: swing a pendulum up and hold it for 200 steps; behavior Pendulum?team=0, 3 observations, one continuous action (torque / 2).",
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['Pendulum?team=0'],
  },
  {
    name: 'scout',
    description:
      'The scout mission: red scouts (Red?team=0, 2 per area) must observe the objectives of a waypoint map that blue (Blue?team=1, 2 per area) defends, among civilians and a trainee; move × look × posture, masked; parameter blue_scripted: 1 makes blue scripted.',
    decisionPeriod: 1,
    defaultNumAreas: 4,
    behaviors: ['Red?team=0', 'Blue?team=1'],
    optionalBehaviors: ['Blue?team=1'],
  },
  {
    name: 'spread',
    description:
      "MPE's simple spread: N agents (parameter agents, default 3; one group per area) cover N landmarks in 25 steps; behavior Spread?team=0, 4N+2 observations, a 2-D force (or discrete: 1, one branch of 5); shared reward.",
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['Spread?team=0'],
  },
  {
    name: 'tmaze',
    description:
      'A T-maze for recurrent policies (network_settings.memory): a cue (+1 right, −1 left) seen only at the first decision, a corridor of corridor_length decisions (parameter, default 4), then a turn at the junction: +1 the cue\'s way, −1 the other; behavior TMaze?team=0, 2 observations [cue, at junction], one discrete branch of 2. Without memory no policy beats a mean return of 0. group_size (parameter, default 0): k ≥ 1 puts the agents of k consecutive areas in one group, for poca.',
    decisionPeriod: 1,
    defaultNumAreas: 8,
    behaviors: ['TMaze?team=0'],
  },
];


/** Catalog entries by name. */
export const builtinEnvCatalog: ReadonlyMap<string, BuiltinEnvEntry> = new Map(BUILTIN_ENV_CATALOG.map((env) => [env.name, env]));
