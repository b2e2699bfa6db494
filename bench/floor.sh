#!/usr/bin/env bash
# The stack's floor: bench/floor, the least an app on leptos, leptos_router,
# leptos_meta, serde, gloo-net and hydration can be, built like the app
# (release profile, std from source, wasm-bindgen, wasm-opt -Oz), and the
# app's own module through the same steps. Run by scripts/bench.sh; alone:
#
#   bench/floor.sh                  the app module the last release build left in target/
#   BENCH_WASM=<file> bench/floor.sh   another app module (as cargo wrote it)
set -euo pipefail
BOOTSTRAP_BROWSERS=0 source "$(dirname "$0")/../scripts/bootstrap.sh"
cd "$ROOT"
note() { printf 'bench: %s\n' "$*" >&2; }
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release"
BENCH_WASM="${BENCH_WASM:-$target_dir/gazette.wasm}"
note "cargo build --release -p stack-floor (bench/floor)"
if ! env "${RELEASE_ENV[@]}" cargo build --quiet --locked --offline --release \
  --target wasm32-unknown-unknown -p stack-floor --features hydrate >&2; then
  note "the floor did not build: not measured"
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo
echo "the stack's floor against the app (wasm-bindgen --target web, wasm-opt -Oz, brotli -q 11):"
for module in "$target_dir/stack_floor.wasm" "$BENCH_WASM"; do
  [ -f "$module" ] || { note "no $module"; continue; }
  name="$(basename "$module" .wasm)"
  wasm-bindgen --target web --no-typescript --out-dir "$work" "$module"
  wasm-opt -Oz "$work/${name}_bg.wasm" -o "$work/$name.opt.wasm"
  node --input-type=module -e "
    import { sizesOf } from '$ROOT/bench/sizes.mjs';
    const s = sizesOf('$work/$name.opt.wasm');
    console.log('  ' + '$name'.padEnd(12) + s.raw.toLocaleString('en').padStart(10) + ' B raw'
      + s.brotli.toLocaleString('en').padStart(10) + ' B brotli');"
done
mkdir -p "$work/named"
wasm-bindgen --keep-debug --target web --out-dir "$work/named" "$target_dir/stack_floor.wasm"
wasm-opt -Oz --debuginfo "$work/named/stack_floor_bg.wasm" -o "$work/named/named.wasm"
echo
echo "code bytes per crate of the floor (names kept):"
cargo run --quiet --locked -p xtask -- wasm-crates "$work/named/named.wasm"
