#!/usr/bin/env bash
# Builds the release app and serves it with the built-in sample backend at
# http://127.0.0.1:8080 (deep links such as /article/1201 reload fine).
set -euo pipefail
BOOTSTRAP_BROWSERS=0 source "$(dirname "$0")/bootstrap.sh"
cd "$ROOT"
# The address the release build writes into canonical links and previews.
export SITE_URL="${SITE_URL:-http://127.0.0.1:8080}"
exec env "${RELEASE_ENV[@]}" trunk serve --release "$@"
