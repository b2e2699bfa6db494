#!/usr/bin/env bash
# Runs every test layer and exits non-zero on any failure:
#   1. native unit tests (cargo test): contract decoding, Korea time, rules,
#      the build step and the sync program (and the sync program against a
#      MariaDB server it starts and stops, scripts/mariadb-check.sh);
#   2. component tests in headless Chromium (wasm-bindgen-test);
#   3. end-to-end journeys: the release build served over HTTP, driven in
#      Chromium, Firefox ESR and WebKitGTK over W3C WebDriver, with an
#      axe-core audit; ends with a summary line per engine;
#   (before 3: the release build served by a real nginx with
#      deploy/nginx.conf, its answers checked with curl, and the Chromium
#      journeys, hostile suite included, run through it.)
set -euo pipefail
started=$(date +%s)
source "$(dirname "$0")/bootstrap.sh"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

step "native tests"
cargo test --locked -p gazette-core --lib
cargo test --locked -p gazette --lib
cargo test --locked -p xtask
cargo test --locked -p gazette-sync

step "the sync program against a real MariaDB (Gnuboard5's tables, seeded)"
bash scripts/mariadb-check.sh

step "property tests (proptest, 10,000 cases per property)"
cargo test --locked --profile properties -p gazette-core --test properties

step "in-browser component tests (headless Chromium)"
# The runner prefers geckodriver whenever GECKODRIVER is set (the bootstrap
# sets it for the end-to-end layer): without it, chromedriver drives Chromium.
env -u GECKODRIVER CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p gazette --target wasm32-unknown-unknown --no-default-features --features hydrate --test browser

step "release build"
# The address the release build writes into canonical links and previews
# (a release build without one stops); the journeys serve it locally.
export SITE_URL="${SITE_URL:-http://127.0.0.1:8080}"
env "${RELEASE_ENV[@]}" trunk build --release

step "a newsroom synced from the seeded MariaDB into the release build, and its Chromium journeys"
bash scripts/mariadb-check.sh --journeys

step "the release build behind nginx with deploy/nginx.conf, and the Chromium journeys through it"
bash scripts/nginx-check.sh --journeys

step "end-to-end journeys (Chromium, Firefox and WebKit over WebDriver)"
cargo test --locked -p e2e --test journeys

printf '\nall test layers passed in %ss\n' "$(( $(date +%s) - started ))"
