#!/usr/bin/env bash
# The sync program against a real MariaDB: starts mariadbd on a temporary
# data directory, socket and port (stopped on exit, even after a failure),
# loads Gnuboard5's tables and the seeded newsroom
# (sync/tests/gnuboard/*.sql), and runs the tests that read it
# (sync/tests/gnuboard_db.rs). Called by scripts/test.sh; MariaDB comes
# from the bootstrap.
#
#   scripts/mariadb-check.sh             run the tests
#   scripts/mariadb-check.sh --journeys  sync the seeded newsroom into a copy
#                                        of the release build (dist/) with
#                                        `gnuboard-boards` news,photo, publish
#                                        it, and run its Chromium journeys
#   scripts/mariadb-check.sh --run CMD…  run CMD with the server up
#   scripts/mariadb-check.sh --shell     start the server and open a shell
#                                        with GAZETTE_TEST_DSN set
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
[ -x "$mariadbd" ] || { echo "mariadb-check: mariadbd not found (apt-get install mariadb-server)" >&2; exit 1; }

dir=$(mktemp -d /tmp/gazette-mariadb.XXXXXX)
pid=""
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap stop EXIT

# The server runs as this user, who (like root) is an administrator of it
# through the socket.
user=$(id -un)
mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
  --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 \
  || { cat "$dir/install.log" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$mariadbd" --no-defaults --datadir="$dir/data" --socket="$dir/sock" --port="$port" \
  --bind-address=127.0.0.1 --user="$user" --pid-file="$dir/pid" --log-error="$dir/error.log" \
  --skip-log-bin --innodb-buffer-pool-size=32M --max-allowed-packet=64M &
pid=$!
for _ in $(seq 100); do
  mariadb --no-defaults -S "$dir/sock" -u "$user" -e 'SELECT 1' >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/error.log" >&2; exit 1; }
  sleep 0.2
done

sql() { mariadb --no-defaults -S "$dir/sock" -u "$user" "$@"; }
sql -e "CREATE DATABASE g5test DEFAULT CHARACTER SET utf8;
        CREATE USER 'gazette'@'127.0.0.1' IDENTIFIED BY 'test-password-8c1f';
        GRANT ALL ON g5test.* TO 'gazette'@'127.0.0.1';"
sql g5test < sync/tests/gnuboard/schema.sql
sql g5test < sync/tests/gnuboard/seed.sql
# A byte that is not UTF-8 in a utf8 column: the server refuses to store
# one (it writes '?'), but data files from old servers or copied between
# installs hold them. MyISAM keeps no checksum, so the test makes one in
# place: `@@FF@@` becomes 0xFF @@@@ 0xFF.
sql -e "FLUSH TABLES"
perl -0777 -pi -e 's/\@\@FF\@\@/\xff\@\@\@\@\xff/g' "$dir/data/g5test/g5_write_news.MYD"
sql -e "FLUSH TABLES"

export GAZETTE_TEST_DSN="mysql://gazette@127.0.0.1:$port/g5test"
export GAZETTE_DB_PASSWORD="test-password-8c1f"
export GAZETTE_TEST_SQL="mariadb --no-defaults -S $dir/sock -u $user g5test"
case "${1:-}" in
  --shell)
    echo "mariadb-check: $GAZETTE_TEST_DSN (exit the shell to stop the server)"
    "${SHELL:-bash}" -i ;;
  --run)
    shift; "$@" ;;
  --journeys)
    [ -f dist/_gazette/build.json ] || { echo "mariadb-check: no release build in dist/" >&2; exit 1; }
    site="$dir/site"
    cp -r dist "$site"
    # The operator's setting for a site synced from two boards.
    python3 - "$site/_gazette/build.json" <<'PY'
import json, sys
path = sys.argv[1]
build = json.load(open(path))
build["shell"] = build["shell"].replace("<!--HEAD-->", '<meta name="gnuboard-boards" content="news,photo"><!--HEAD-->', 1)
json.dump(build, open(path, "w"), ensure_ascii=False)
PY
    # The seeded popups are judged at 2025-12-24 12:00:00 KST.
    export SOURCE_DATE_EPOCH=1766545200
    cargo run --quiet --locked -p gazette-sync -- gnuboard --dsn "$GAZETTE_TEST_DSN" \
      --boards news,photo --out "$site/api" --site-url https://news.example
    cargo run --quiet --locked -p xtask -- publish "$site"
    DIST="$site" E2E_SYNCED=1 E2E_ENGINES="${E2E_ENGINES:-chromium}" \
      cargo test --locked -p e2e --test journeys ;;
  *)
    cargo test --locked -p gazette-sync --features mariadb-tests --test gnuboard_db ;;
esac
