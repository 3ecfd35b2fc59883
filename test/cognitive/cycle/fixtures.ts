/** Rule files shared by several cycle tests. */

/** Two branches and every kind of contribution: reject, best, acceptable, better, a function with a negated action. */
export const MIXED_RULES = `
types: { op: [fire, hold, cover], move: [stay, left, right], lvl: [low, high] }
predicates:
  a: {}
  b: {}
  c: {}
  threat: { args: { level: lvl! } }
  selected: { args: { o: op! } }
  moving: { args: { m: move! } }
perception:
  - { predicate: a, index: 0, above: 0.5 }
  - { predicate: b, index: 1, above: 0.5 }
  - { predicate: c, index: 2, above: 0.5 }
  - { predicate: threat, index: 3, bins: [0.5] }
branches: [selected, moving]
decide: { mode: probability-matching, seed: 5 }
conditionals:
  - { name: r1, conditions: [a], reject: "selected(o=fire)" }
  - { name: r2, conditions: [b], best: "selected(o=cover)" }
  - { name: r3, conditions: ["not c"], acceptable: "moving(m=left)", value: 0.3 }
  - { name: r4, conditions: [c], better: { this: "selected(o=hold)", than: "selected(o=cover)", ratio: 0.4 } }
  - name: r5
    conditions: ["threat(level=?l)"]
    actions: ["not moving(m=stay)", "selected(o=?x)"]
    function: { over: [l, x], values: [[0.1, 0.2, 0.3], [0.6, 0.1, 0.2]] }
`;
