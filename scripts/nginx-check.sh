#!/usr/bin/env bash
# Serves a build with the shipped nginx configuration (deploy/nginx.conf) on
# a free loopback port and checks what nginx answers: prerendered pages, the
# app's shell for app addresses and old CMS links, real 404s for any other
# missing file, the build's pre-compressed copies, caching and the security
# headers. With --journeys it then runs the Chromium journeys (both sizes,
# the hostile suite included) through that nginx: the journeys' own server
# answers only the paths a journey overrides and passes every other request
# to nginx (tests/e2e/src/server.rs, `E2E_NGINX`). nginx is stopped at the
# end, also after a failure.
#
#   scripts/nginx-check.sh [--journeys] [DIST]   (default: dist/, from `trunk build --release`)
#
# Installs nginx and Debian's brotli_static module when they are missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
journeys=0
if [ "${1:-}" = --journeys ]; then journeys=1; shift; fi
DIST="$(cd "${1:-$ROOT/dist}" && pwd)"
say() { printf 'nginx-check: %s\n' "$*" >&2; }

BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if ! command -v nginx >/dev/null || [ ! -f "$BROTLI_MODULE" ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  say "apt-get install nginx-light libnginx-mod-http-brotli-static"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static >/dev/null
fi
[ -f "$DIST/security-headers.conf" ] || { say "$DIST has no security-headers.conf: not a release build"; exit 1; }

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
origin="http://127.0.0.1:$port"
stop() {
  [ -f "$work/nginx.pid" ] && nginx -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

# The shipped server block, with only its port and root changed.
sed -e "s|listen 80;|listen 127.0.0.1:$port;|" -e "s|/srv/gazette/dist|$DIST|g" \
  "$ROOT/deploy/nginx.conf" > "$work/gazette.conf"
grep -q "listen 127.0.0.1:$port;" "$work/gazette.conf" || { say "no 'listen 80;' in deploy/nginx.conf"; exit 1; }
mkdir -p "$work/tmp"
cat > "$work/nginx.conf" <<EOF
load_module $BROTLI_MODULE;
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  include $work/gazette.conf;
}
EOF
nginx -p "$work" -c "$work/nginx.conf" -t 2>"$work/test.log" || { cat "$work/test.log" >&2; exit 1; }
nginx -p "$work" -c "$work/nginx.conf"
for _ in $(seq 50); do curl -s -o /dev/null "$origin/" && break; sleep 0.1; done

failures=0
fail() { say "FAIL $*"; failures=$((failures + 1)); }
# get PATH [ACCEPT-ENCODING]: headers in $work/h, body in $work/b, status echoed.
get() {
  curl -sS -o "$work/b" -D "$work/h" -w '%{http_code}' -H "Accept-Encoding: ${2:-identity}" "$origin$1"
}
header() { grep -i "^$1:" "$work/h" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
expect() { # expect PATH STATUS [ACCEPT-ENCODING]
  local status
  status="$(get "$1" "${3:-}")"
  [ "$status" = "$2" ] || fail "$1: status $status, expected $2"
}
body_has() { grep -q -- "$2" "$work/b" || fail "$1: the body lacks $2"; }

policy="$(sed -n 's/^  Content-Security-Policy: //p' "$DIST/_headers")"
js="$(cd "$DIST" && ls gazette-*.js | grep -v '\.js\.' | head -1)"
wasm="$(cd "$DIST" && ls gazette-*_bg.wasm | head -1)"

# Pages: every answer carries the build's headers and is revalidated.
for path in / /article/1201 /article/no-such-story /news/articleView.html?idxno=1201 \
  "/bbs/board.php?bo_table=news&wr_id=1201" /news/1201 /rss.xml /api/articles.json; do
  expect "$path" 200
  [ "$(header Content-Security-Policy)" = "$policy" ] || fail "$path: Content-Security-Policy is '$(header Content-Security-Policy)'"
  [ "$(header Strict-Transport-Security)" = "max-age=31536000" ] || fail "$path: no Strict-Transport-Security"
  [ "$(header X-Content-Type-Options)" = "nosniff" ] || fail "$path: no X-Content-Type-Options"
  [ -n "$(header Referrer-Policy)" ] && [ -n "$(header Permissions-Policy)" ] \
    && [ -n "$(header Cross-Origin-Opener-Policy)" ] || fail "$path: a security header is missing"
  [ "$(header Cache-Control)" = "max-age=0, must-revalidate" ] || fail "$path: Cache-Control is '$(header Cache-Control)'"
done
# A prerendered story is its own page; an unknown one and old links (Gnuboard's
# short /<board>/<wr_id> too) get the shell, which maps them by gnuboard-boards.
get /article/1201 >/dev/null
body_has /article/1201 'class="story__title"'
body_has /article/1201 '/article/1201"'
for path in /article/no-such-story /news/articleView.html?idxno=1201 \
  "/bbs/board.php?bo_table=news&wr_id=1201" /news/1201; do
  get "$path" >/dev/null
  cmp -s "$work/b" "$DIST/index.html" || fail "$path: not the app's shell"
done
case "$(get /api/articles.json; header Content-Type)" in
  200application/json*) ;;
  *) fail "/api/articles.json is not application/json" ;;
esac
# Missing files are real 404s, never the shell; the build's own files are not served.
for path in /api/nope.json /api/articles/9999.json /images/nope.png /nope.js /article/1201/nope.css \
  /_headers /security-headers.conf /_gazette/build.json /_gazette/manifest.json; do
  expect "$path" 404
  grep -q 'class="masthead' "$work/b" && fail "$path: answered with the app"
done
# Hashed files: cached for a year, sent pre-compressed as the reader accepts.
for enc in br gzip identity; do
  expect "/$wasm" 200 "$enc"
  [ "$(header Cache-Control)" = "public, max-age=31536000, immutable" ] || fail "/$wasm: Cache-Control is '$(header Cache-Control)'"
  [ "$(header Content-Type)" = "application/wasm" ] || fail "/$wasm: Content-Type is '$(header Content-Type)'"
  [ -n "$(header Content-Security-Policy)" ] || fail "/$wasm: no Content-Security-Policy"
  case "$enc" in
    br) cmp -s "$work/b" "$DIST/$wasm.br" && [ "$(header Content-Encoding)" = br ] || fail "/$wasm: not the .br copy for br" ;;
    gzip) cmp -s "$work/b" "$DIST/$wasm.gz" && [ "$(header Content-Encoding)" = gzip ] || fail "/$wasm: not the .gz copy for gzip" ;;
    identity) cmp -s "$work/b" "$DIST/$wasm" && [ -z "$(header Content-Encoding)" ] || fail "/$wasm: not the file itself" ;;
  esac
done
expect "/$js" 200 br
[ "$(header Content-Encoding)" = br ] || fail "/$js: not brotli"
expect /article/1201 200 br
cmp -s "$work/b" "$DIST/article/1201/index.html.br" || fail "/article/1201: not the .br copy"

# The README shows the file as it is.
python3 -c 'import sys; sys.exit(open(sys.argv[2]).read() not in open(sys.argv[1]).read())' \
  "$ROOT/README.md" "$ROOT/deploy/nginx.conf" || fail "README.md does not show deploy/nginx.conf as it is"

if [ "$failures" != 0 ]; then
  say "$failures check(s) failed; nginx's error log:"
  cat "$work/error.log" >&2
  exit 1
fi
say "deploy/nginx.conf serves $DIST as documented ($origin)"

if [ "$journeys" = 1 ]; then
  say "the Chromium journeys through nginx"
  (cd "$ROOT" && DIST="$DIST" E2E_ENGINES=chromium E2E_NGINX="127.0.0.1:$port" \
    cargo test --locked -p e2e --test journeys)
fi
