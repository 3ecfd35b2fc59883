#!/usr/bin/env bash
# Packs what benchmarks need to run on a machine without Node or npm (the lent device machine): the node binary,
# the production node_modules pruned of browser bundles, source maps and type declarations, and dist/.
# Usage: bash scripts/device-kit.sh OUT_DIR   → OUT_DIR/shiva-kit.tar.xz  (unpack with: tar xJf … -C DIR)
# The webgpu backend travels with it (Dawn's linux-x64 binary only); on the device, `node dist/bench/backend-step.js`
# times one training step on wasm, cpu and webgpu (it needs the GPU's Vulkan driver: docs/PERFORMANCE.md).
set -euo pipefail
out=${1:?usage: device-kit.sh OUT_DIR}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/kit/bin"
cp "$(readlink -f "$(command -v node)")" "$stage/kit/bin/node"
tar cf - --exclude='*.map' --exclude='*.d.ts' --exclude='*.min.js' --exclude='*.es2017.js' --exclude='*.fesm.js' \
  --exclude='*.html' --exclude='miniprogram' --exclude='tsconfig.tsbuildinfo' --exclude='*.md' \
  --exclude='node_modules/typescript' --exclude='node_modules/@tensorflow/tfjs-node*' --exclude='node_modules/fast-check' \
  --exclude='node_modules/protobufjs-cli' --exclude='node_modules/jsdoc' --exclude='node_modules/@babel' \
  --exclude='node_modules/core-js' --exclude='node_modules/@types' --exclude='node_modules/.cache' \
  --exclude='node_modules/webgpu/dist/darwin-*' --exclude='node_modules/webgpu/dist/win32-*' \
  --exclude='node_modules/webgpu/dist/linux-arm64' node_modules \
  | tar xf - -C "$stage/kit"
(cd dist && tar cf - --exclude='*.map' .) | (mkdir -p "$stage/kit/dist" && tar xf - -C "$stage/kit/dist")
cp package.json "$stage/kit/"
for d in configs envs/scout/maps; do mkdir -p "$stage/kit/$d"; cp -r "$d/." "$stage/kit/$d/"; done
mkdir -p "$out"
tar cJf "$out/shiva-kit.tar.xz" -C "$stage" kit
du -h "$out/shiva-kit.tar.xz"
