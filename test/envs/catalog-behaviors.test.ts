/**
 * envs/catalog.ts names each built-in's behaviors without loading its scene (so a configuration's behavior
 * names are checked before a run writes anything): they must be exactly the scene's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinEnvs } from '../../envs/registry.js';

test("the catalog's behavior ids are each scene's behaviorSpecs, and its optional ones are among them", () => {
  for (const [name, env] of builtinEnvs) {
    const scene = env.factory({ parameter: (_key, fallback) => fallback, recordStat: () => undefined }, { numAreas: 1, seed: 0 });
    assert.deepEqual(env.behaviors, scene.behaviorSpecs.map((s) => s.name), name);
    for (const id of env.optionalBehaviors ?? []) assert.ok(env.behaviors.includes(id), `${name}: optional ${id}`);
  }
});
