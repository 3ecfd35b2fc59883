/**
 * The imitation benchmark (bench/imitation-cartpole.ts) on the scout mission: red imitates scripted:scout-red
 * with blue scripted by the scene. Same flags.
 *
 *   npm run build && node dist/bench/imitation-scout.js [--episodes 20] [--seed 1] [--ppo-steps 200000] [--skip-ppo]
 * (defaults here: --bc-epochs 300, --eval-episodes 50)
 */
if (!process.argv.includes('--env')) process.argv.push('--env', 'scout');
// Scout episodes are short (20 expert episodes are ~170 decisions against CartPole's 10,000), so BC takes more
// epochs for a similar number of gradient steps, and evaluation more episodes for a steady mean.
if (!process.argv.includes('--bc-epochs')) process.argv.push('--bc-epochs', '300');
if (!process.argv.includes('--eval-episodes')) process.argv.push('--eval-episodes', '50');
await import('./imitation-cartpole.js');
