/**
 * Questions asked of a loaded RunConfig once the environment has announced its behaviors: which settings a
 * behavior id ("Name?team=N") trains with, which learner (policy) it feeds, and errors that point back at the file.
 */
import { ShivaError } from '../core/errors.js';
import { nearest } from '../core/did-you-mean.js';
import { trainableTrainerTypes } from '../../agents/registry.js';
import type { BehaviorConfig, RunConfig } from './run-config.js';

/** ML-Agents' BehaviorIdentifiers: "Name?team=N" → name and team (team 0 when there is no `?team=`). */
export function parseBehaviorId(behaviorId: string): { name: string; team: number } {
  const match = /^(.*)\?team=(\d+)$/.exec(behaviorId);
  return match ? { name: match[1]!, team: Number(match[2]) } : { name: behaviorId, team: 0 };
}

/**
 * The settings for `behaviorId`: an exact key ("Name?team=1") first, then the name without its team ("Name"),
 * then default_settings (named after the behavior). Without any of them it is a config error, as in ML-Agents.
 */
export function behaviorConfigFor(config: RunConfig, behaviorId: string): BehaviorConfig {
  const { name } = parseBehaviorId(behaviorId);
  const found = config.behaviors.get(behaviorId) ?? config.behaviors.get(name);
  if (found) return found;
  if (config.defaultSettings) {
    let learner = config.defaultSettings.learner ?? name;
    for (const [id, members] of config.shiva.learners) if (members.includes(behaviorId) || members.includes(name)) learner = id;
    return Object.freeze({ ...config.defaultSettings, name, learner });
  }
  const known = [...config.behaviors.keys()];
  const guess = nearest(name, known);
  throw new ShivaError(
    'SHIVA_ERR_CONFIG',
    `${config.file}: behaviors: expected an entry for behavior "${name}" (announced by the environment as "${behaviorId}"), or a default_settings section, got ${known.length ? `entries for ${known.join(', ')} only` : 'no behaviors'}${guess ? `; did you mean to name "${guess}" "${name}"?` : ''}`,
  );
}

/** The learner (one policy) that `behaviorId` trains: its learner name, with `?team=N` when policy_per_team. */
export function learnerIdFor(config: RunConfig, behaviorId: string): string {
  const behavior = behaviorConfigFor(config, behaviorId);
  const { name, team } = parseBehaviorId(behaviorId);
  const learner = behavior.learner ?? name;
  return behavior.policyPerTeam ? `${learner}?team=${team}` : learner;
}

/**
 * A SHIVA_ERR_CONFIG for a problem found after loading, at the line of `path` (or of its nearest parent that the
 * file sets): `FILE:LINE: PATH: MESSAGE`.
 */
export function configErrorAt(config: RunConfig, path: string, message: string): ShivaError {
  let probe = path;
  let line = config.lines.get(probe);
  while (line === undefined && probe.includes('.')) {
    probe = probe.slice(0, probe.lastIndexOf('.'));
    line = config.lines.get(probe);
  }
  return new ShivaError('SHIVA_ERR_CONFIG', `${config.file}${line === undefined ? '' : `:${line}`}: ${path}: ${message}`);
}

/** Refuses trainer types that parse but cannot be trained yet (their plugin has no learner: mappo today). */
export function assertTrainable(config: RunConfig): void {
  const trainable = trainableTrainerTypes();
  const entries: [string, BehaviorConfig][] = [...config.behaviors].map(([name, b]) => [`behaviors.${name}`, b]);
  if (config.defaultSettings) entries.push(['default_settings', config.defaultSettings]);
  for (const [path, behavior] of entries) {
    if (!trainable.includes(behavior.trainerType)) {
      throw configErrorAt(config, `${path}.trainer_type`, `expected one of ${trainable.join(', ')} (the trainers shiva train runs today), got "${behavior.trainerType}", whose settings are read but whose trainer is not implemented yet`);
    }
  }
}
