#!/usr/bin/env bash
# Builds the release app and measures it against a static page of the same
# article: first-load sizes, Lighthouse (mobile, simulated throttling),
# ticker main-thread time and memory over in-app navigations, then each
# budget of issue 18 with PASS or MISS. See docs/benchmarks.md.
#
#   BENCH_DIST=<dir>     build output to measure (default /tmp/dist-bench)
#   BENCH_SKIP_BUILD=1   measure BENCH_DIST as it is, without building
#   BENCH_RUNS=<n>       Lighthouse runs per page, median reported (default 5, at least 3)
#   BENCH_JSON=<file>    every figure as JSON (default /tmp/gazette-bench.json)
#   BENCH_WASM=<file>    the wasm (as cargo wrote it) whose cost per crate is
#                        printed (default: the one the release build left in target/)
#
# Misses are reported, not failed: the exit status is non-zero only when a
# step cannot run. Timings never enter scripts/test.sh.
set -euo pipefail
BOOTSTRAP_BROWSERS=0 source "$(dirname "$0")/bootstrap.sh"
cd "$ROOT"
LIGHTHOUSE_VERSION="12.2.3"
BENCH_DIST="${BENCH_DIST:-/tmp/dist-bench}"
BENCH_RUNS="${BENCH_RUNS:-5}"
BENCH_JSON="${BENCH_JSON:-/tmp/gazette-bench.json}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export GAZETTE_TOOLS
note() { printf 'bench: %s\n' "$*" >&2; }
if [ "$BENCH_RUNS" -lt 3 ]; then
  note "BENCH_RUNS must be at least 3 (a median of fewer runs is noise)"; exit 2
fi

# What the benchmark needs beyond the build: Chromium and Korean fonts (the
# pages are Korean text), the brotli CLI, Node and Lighthouse.
missing=()
[ -x "$CHROME_PATH" ] || missing+=(chromium)
# (grep without -q: an early exit would fail the pipeline under pipefail.)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
command -v brotli >/dev/null || missing+=(brotli)
command -v node >/dev/null || missing+=(nodejs npm)
# (Without the brotli CLI the sizes come from Node's zlib at the same level.)
[ ${#missing[@]} = 0 ] || apt_install "${missing[@]}" || note "could not install ${missing[*]}"
if [ "$(node -p "require('$GAZETTE_TOOLS/node_modules/lighthouse/package.json').version" 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  command -v npm >/dev/null || apt_install npm
  note "npm install lighthouse@$LIGHTHOUSE_VERSION into $GAZETTE_TOOLS"
  mkdir -p "$GAZETTE_TOOLS"
  (cd "$GAZETTE_TOOLS" && npm install --no-audit --no-fund --silent -E "lighthouse@$LIGHTHOUSE_VERSION" >&2)
fi

started=$SECONDS
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  export SITE_URL="${SITE_URL:-http://127.0.0.1:8080}"
  note "trunk build --release --dist $BENCH_DIST"
  env "${RELEASE_ENV[@]}" trunk build --release --dist "$BENCH_DIST" >&2
fi
note "build ready after $((SECONDS - started)) s; measuring"
node "$ROOT/bench/run.mjs" --dist "$BENCH_DIST" --runs "$BENCH_RUNS" --json "$BENCH_JSON"
note "build and measurements took $((SECONDS - started)) s; figures in $BENCH_JSON"

# What each crate costs: the module cargo built for the release above, run
# through wasm-bindgen and wasm-opt as Trunk does, but keeping the names.
BENCH_WASM="${BENCH_WASM:-${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/gazette.wasm}"
if [ -f "$BENCH_WASM" ]; then
  named="$(mktemp -d)"
  wasm-bindgen --keep-debug --target web --out-dir "$named" "$BENCH_WASM"
  "$GAZETTE_TOOLS/node_modules/.bin/wasm-opt" -Oz --debuginfo "$named/gazette_bg.wasm" -o "$named/named.wasm"
  echo
  echo "code bytes per crate ($BENCH_WASM, wasm-opt -Oz, names kept):"
  cargo run --quiet --locked -p xtask -- wasm-crates "$named/named.wasm"
  rm -rf "$named"
else
  note "no $BENCH_WASM: cost per crate not measured"
fi

# The stack's floor, next to the app's own module (bench/floor.sh).
BENCH_WASM="$BENCH_WASM" bash "$ROOT/bench/floor.sh"
