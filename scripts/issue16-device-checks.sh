#!/usr/bin/env bash
# Issue 16's figures that need a lent machine (a GPU, 16 cores), in one short run with a time limit per part, so
# that a session's few minutes of device time give all of them at once:
#   1. one training step per backend (wasm, wasm-threads, webgpu) for the RL-sized MLP, the large MLP and the
#      visual encoder (target 4's table; webgpu needs the GPU's Vulkan driver, and says why it did not load);
#   2. wasm-threads on 1, 2, 4 and 8 threads for the large MLP and the encoder (target 2: threads where cores are free);
#   3. built-in scenes stepped in 0 (in-process), 1, 2, 4, 8 and 16 worker threads, 16 environments (target 2's
#      curve of env steps/s against cores).
# Run it from a folder holding dist/, configs/, envs/scout/maps and node_modules/: the repository, or the kit that
# scripts/device-kit.sh packs (then NODE=kit/bin/node, from inside kit/). Each part's output goes to OUT_DIR.
#   bash scripts/issue16-device-checks.sh OUT_DIR      (about 8 minutes at most; LIMIT_SCALE=0.5 halves each limit)
set -uo pipefail
out=${1:?usage: issue16-device-checks.sh OUT_DIR}
node=${NODE:-node}
scale=${LIMIT_SCALE:-1}
mkdir -p "$out"
limit() { awk -v s="$scale" -v l="$1" 'BEGIN { printf "%d", s * l }'; }
part() {
  local name=$1 seconds=$2
  shift 2
  echo "== $name (limit $(limit "$seconds") s): $*" | tee -a "$out/summary.txt"
  local started=$SECONDS
  timeout "$(limit "$seconds")" "$@" >"$out/$name.log" 2>&1
  local rc=$?
  echo "   exit $rc after $((SECONDS - started)) s; last lines:" | tee -a "$out/summary.txt"
  tail -n 14 "$out/$name.log" | sed 's/^/   /' | tee -a "$out/summary.txt"
}
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; $(uptime)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  command -v vulkaninfo >/dev/null && vulkaninfo --summary 2>/dev/null | grep -E 'deviceName|driverName|apiVersion' | head -6
  ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>/dev/null
} >"$out/summary.txt" 2>&1
part backend-step 150 "$node" dist/bench/backend-step.js --backends wasm,wasm-threads,webgpu --seconds 2 --json "$out/backend-step.json"
for threads in 1 2 4 8; do
  SHIVA_WASM_THREADS=$threads part "wasm-threads-$threads" 60 "$node" dist/bench/backend-step.js --backends wasm-threads --models mlp-512,visual-84 --seconds 2
done
part env-workers 120 "$node" dist/bench/env-workers.js --envs 16 --workers 0,1,2,4,8,16 --scenes scout,cartpole --seconds 2 --rounds 1 --ppo-steps 0
echo "done: $out/summary.txt"
