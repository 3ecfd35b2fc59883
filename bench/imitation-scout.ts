/**
 * The imitation benchmark (bench/imitation-cartpole.ts) on the scout mission: red imitates scripted:scout-red
 * with blue scripted by the scene. Same flags.
 *
 *   npm run build && node dist/bench/imitation-scout.js [--episodes 20] [--seed 1] [--ppo-steps 200000] [--skip-ppo]
 */
if (!process.argv.includes('--env')) process.argv.push('--env', 'scout');
await import('./imitation-cartpole.js');
