#!/usr/bin/env bash
# Benchmark of the newsroom path on a generated archive: a real MariaDB
# with Gnuboard5's tables and BENCH_POSTS posts (default 50,000), synced by
# `gazette-sync gnuboard` into a copy of the release build's site and
# published by `xtask publish`; then one new post and an incremental run.
# Prints time, peak memory and files written for each step (numbers, not
# pass/fail; docs/benchmarks.md keeps them). Needs a release build in dist/
# (scripts/bench.sh or scripts/test.sh makes one).
#
#   BENCH_POSTS=50000   posts in the generated archive
#   BENCH_COMPRESSED=0  a site without pre-compressed copies
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
posts="${BENCH_POSTS:-50000}"
[ -f dist/_gazette/build.json ] || { echo "bench-sync: no release build in dist/ (run scripts/bench.sh first)" >&2; exit 1; }

cargo build --quiet --release --locked -p xtask -p gazette-sync
sync_bin="$ROOT/target/release/gazette-sync"
xtask_bin="$ROOT/target/release/xtask"

work=$(mktemp -d /tmp/gazette-bench-sync.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
site="$work/site"
cp -r dist "$site"
rm -rf "$site/api" "$site/article"
# With the build's pre-compressed copies, publish writes .br and .gz
# beside every page; BENCH_COMPRESSED=0 measures a site without them.
if [ "${BENCH_COMPRESSED:-1}" = 0 ]; then
  find "$site" \( -name '*.br' -o -name '*.gz' \) -delete
fi

# One measured step: wall time and peak resident memory of the command.
measure() {
  local label="$1"; shift
  python3 - "$label" "$@" <<'EOF'
import resource, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
done = subprocess.run(cmd, capture_output=True, text=True)
took = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
out = (done.stdout + done.stderr).strip().splitlines()
summary = next((l for l in reversed(out) if "written" in l), out[-1] if out else "")
print(f"{label}: {took:.1f} s, peak {peak:.0f} MB | {summary}")
for line in out:
    if line.startswith("  wrote") or line.startswith("  removed"):
        print("   " + line.strip())
if done.returncode != 0:
    print("\n".join(out[-20:]), file=sys.stderr)
    sys.exit(done.returncode)
EOF
}

export GAZETTE_BENCH_SQL_POSTS="$posts"
bash scripts/mariadb-check.sh --run bash -c '
  set -euo pipefail
  sql() { $GAZETTE_TEST_SQL "$@"; }
  echo "bench-sync: generating $GAZETTE_BENCH_SQL_POSTS posts"
  sql -e "
    SET SESSION sql_mode = \"\";
    CREATE TABLE g5_write_archive LIKE g5_write_news;
    INSERT INTO g5_board (bo_table, gr_id, bo_subject, bo_read_level) VALUES (\"archive\", \"community\", \"지역뉴스\", 1);
    INSERT INTO g5_write_archive (wr_id, wr_num, wr_reply, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content,
        wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip,
        wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10)
      SELECT seq, -seq, \"\", \"\", ELT(1 + seq % 4, \"행정\", \"사회\", \"경제\", \"문화\"), \"html1\",
        CONCAT(\"영광군 소식 \", seq, \"호: 주민 설명회와 지역 행사 안내\"),
        CONCAT(REPEAT(CONCAT(\"<p>영광군은 \", seq, \"번째 소식으로 주민 설명회를 열고 지역 기업 제품 구매를 당부했다. 참석자들은 판로 확대 방안을 논의했다.</p>\"), 6),
               \"<p><img src=\\\"/data/editor/2512/photo\", seq % 97, \".jpg\\\" alt=\\\"현장 사진\\\"></p><h3>주요 내용</h3><blockquote>지역과 함께하겠다</blockquote>\"),
        \"\", \"\", \"\", \"\", \"기자\", \"\", \"\", DATE_ADD(\"2019-01-01 09:00:00\", INTERVAL seq * 50 MINUTE), \"\", \"\",
        \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\"
      FROM seq_1_to_${GAZETTE_BENCH_SQL_POSTS};"
  echo "bench-sync: $(sql -N -e "SELECT COUNT(*), ROUND(SUM(LENGTH(wr_content))/1048576) FROM g5_write_archive" | awk "{print \$1\" posts, \"\$2\" MiB of wr_content\"}")"
  '"$(declare -f measure)"'
  measure "full sync (gazette-sync gnuboard)" '"$sync_bin"' gnuboard --dsn "$GAZETTE_TEST_DSN" --boards archive --out '"$site"'/api --site-url https://news.example
  measure "full publish (xtask publish)" '"$xtask_bin"' publish '"$site"'
  measure "sync again, nothing new" '"$sync_bin"' gnuboard --dsn "$GAZETTE_TEST_DSN" --boards archive --out '"$site"'/api --site-url https://news.example
  measure "publish again, nothing new" '"$xtask_bin"' publish '"$site"'
  sql -e "INSERT INTO g5_write_archive (wr_id, wr_num, wr_reply, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10)
          VALUES (9000000, -9000000, \"\", \"\", \"행정\", \"html1\", \"새 기사: 방금 올라온 소식\", \"<p>방금 쓴 기사.</p>\", \"\", \"\", \"\", \"\", \"새기자\", \"\", \"\", \"2026-12-07 09:00:00\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\");"
  measure "incremental sync after one new post" '"$sync_bin"' gnuboard --dsn "$GAZETTE_TEST_DSN" --boards archive --out '"$site"'/api --site-url https://news.example
  measure "incremental publish after one new post" '"$xtask_bin"' publish '"$site"'
  echo "bench-sync: site $(du -sh '"$site"' | cut -f1), $(find '"$site"'/article -name index.html | wc -l) article pages"
'
