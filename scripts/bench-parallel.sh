#!/usr/bin/env bash
# Runs issue 5's off-policy benchmarks one process per seed and method, all at once, for a machine with many cores
# (each process is single-threaded wasm): SAC and TD3 on Pendulum (5 seeds, 50k steps) and MADDPG per_agent/shared
# vs independent DDPG on 3-agent spread. Each run's output goes to LOG_DIR/NAME.log; a run stops at LIMIT seconds.
#   bash scripts/bench-parallel.sh LOG_DIR [LIMIT_SECONDS] [SPREAD_STEPS] [SPREAD_SEEDS]
# Run from a folder holding dist/, configs/ and node_modules/ (the repository, or scripts/device-kit.sh's kit).
set -uo pipefail
logs=${1:?usage: bench-parallel.sh LOG_DIR [LIMIT_SECONDS] [SPREAD_STEPS] [SPREAD_SEEDS]}
limit=${2:-540}
spread_steps=${3:-150000}
spread_seeds=${4:-1,2}
node=${NODE:-node}
mkdir -p "$logs"
for seed in 1 2 3 4 5; do
  timeout "$limit" "$node" dist/bench/sac-pendulum.js --seeds "$seed" --steps 50000 >"$logs/sac-$seed.log" 2>&1 &
  timeout "$limit" "$node" dist/bench/td3-pendulum.js --seeds "$seed" --steps 50000 >"$logs/td3-$seed.log" 2>&1 &
done
for method in maddpg-per_agent maddpg-shared ddpg-independent; do
  for seed in ${spread_seeds//,/ }; do
    timeout "$limit" "$node" dist/bench/maddpg-spread.js --methods "$method" --seeds "$seed" --steps "$spread_steps" >"$logs/$method-$seed.log" 2>&1 &
  done
done
wait
