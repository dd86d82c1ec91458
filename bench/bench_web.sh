#!/usr/bin/env bash
# bench_web.sh: /api/v1/search over HTTP on loopback with wrk, beside the in-process search time
# of the same queries (bench_web), so the HTTP layer's cost shows as a ratio.
#
#   bench/bench_web.sh [--items N] [--duration S] [--connections C] [--wrk-threads T] [--out FILE]
#
# Builds `berkas` and `bench_web` (Release, $BERKAS_BUILD_DIR or build/release), prepares a data
# dir with N generated FIKTIF statements under $BERKAS_BENCH_DIR (default /tmp/berkas-bench-web;
# kept and reused: 100k statements take several minutes to ingest), runs `berkas serve` on a free
# loopback port, signs in an administrator (setup token on the first run; the password is kept
# beside the data dir), and drives /api/v1/search?q=…&limit=20 with wrk, cycling through the 20
# queries of bench_ingest: with C connections (throughput) and with one (latency), each with
# facets (the default) and without (&facets=0), and GET /api/v1/session (the HTTP layer, the
# session check and a JSON answer, without a search) for the floor. Prints a Markdown report (and writes it to FILE
# with --out).
# Needs wrk and curl (Debian packages wrk, curl); not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir=${BERKAS_BUILD_DIR:-$root/build/release}
work=${BERKAS_BENCH_DIR:-/tmp/berkas-bench-web}
jobs=${BERKAS_JOBS:-1}
items=100000
duration=15
connections=16
wrk_threads=2
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --items) items=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --wrk-threads) wrk_threads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: bench/bench_web.sh [--items N] [--duration S] [--connections C] [--wrk-threads T] [--out FILE]" >&2
       exit 2 ;;
  esac
done
for tool in wrk curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench_web: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done

# bench_web is defined by bench/bench_web.cmake; included through CMAKE_PROJECT_INCLUDE until
# bench/CMakeLists.txt includes it itself (both ways work together).
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PROJECT_INCLUDE="$root/bench/bench_web.cmake" >/dev/null
cmake --build "$build_dir" --target berkas bench_web -j "$jobs" >/dev/null

mkdir -p "$work"
data=$work/data-$items
queries=$work/queries.txt
echo "bench_web: in-process search ($items items)…" >&2
"$build_dir/bench/bench_web" --data "$data" --items "$items" --queries "$queries" > "$work/inproc.txt"

log=$work/serve.log
"$build_dir/src/berkas" --data "$data" serve --listen 127.0.0.1:0 > "$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
base=""
for _ in $(seq 1 300); do
  base=$(sed -n 's|.*running at \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$log")
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "bench_web: the server did not start" >&2; cat "$log" >&2; exit 1; }

# An administrator: created with the setup token on the first run, signed in afterwards.
jar=$work/cookies.txt
rm -f "$jar"
password_file=$data.bench-password
token=$(sed -n 's/.*one-time setup token: \([0-9a-f]*\).*/\1/p' "$log")
if [ -n "$token" ]; then
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$password_file"
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$token\",\"user\":\"bench\",\"password\":\"$(cat "$password_file")\"}" "$base/api/v1/setup" >/dev/null
else
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"user\":\"bench\",\"password\":\"$(cat "$password_file")\"}" "$base/api/v1/session" >/dev/null
fi
cookie="berkas_session=$(awk '$6 == "berkas_session" { print $7 }' "$jar")"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/search?q=perekrutan&limit=20")
[ "$status" = 200 ] || { echo "bench_web: a signed-in search answered $status" >&2; exit 1; }

# wrk prints latencies as 812.00us, 4.21ms or 1.02s.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "-" }'; }
val() { sed -n "s/^$1=//p" "$work/inproc.txt"; }

# One wrk run: $1 name, $2 connections, $3 wrk threads, $4 extra URL parameters, $5 a fixed path
# instead of the searches. Sets the variables <name>_rps, <name>_p50, _p75, _p90, _p99, _bad.
measure() {
  local name=$1 c=$2 t=$3 extra=$4 path=${5:-} file=$work/wrk-$1.txt
  echo "bench_web: wrk -t$t -c$c -d${duration}s ${path:-/api/v1/search?q=…$extra}" >&2
  BERKAS_COOKIE=$cookie BERKAS_QUERIES=$queries BERKAS_EXTRA=$extra BERKAS_PATH=$path wrk -t"$t" -c"$c" -d3s \
    -s "$root/bench/bench_web.lua" "$base" >/dev/null  # warm-up
  BERKAS_COOKIE=$cookie BERKAS_QUERIES=$queries BERKAS_EXTRA=$extra BERKAS_PATH=$path wrk -t"$t" -c"$c" \
    -d"${duration}s" --latency -s "$root/bench/bench_web.lua" "$base" > "$file"
  cat "$file" >&2
  printf -v "${name}_rps" '%s' "$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file")"
  for p in 50 75 90 99; do
    printf -v "${name}_p$p" '%s' "$(ms "$(awk -v p="$p%" '$1 == p { print $2 }' "$file")")"
  done
  printf -v "${name}_bad" '%s' "$(awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$file")"
}
measure full "$connections" "$wrk_threads" ""
measure full1 1 1 ""
measure ranked "$connections" "$wrk_threads" "&facets=0"
measure ranked1 1 1 "&facets=0"
measure floor "$connections" "$wrk_threads" "" /api/v1/session
measure floor1 1 1 "" /api/v1/session

cores=$(nproc 2>/dev/null || echo "?")
load=$(cut -d' ' -f1-3 /proc/loadavg)
row() {  # $1 label, $2 q/s, $3 p50, $4 p75, $5 p90, $6 p99
  echo "| $1 | $2 | $3 | ${4:-} | ${5:-} | ${6:-} |"
}
report=$(cat <<REPORT
### bench_web — $(val items) items, $(date -u +%Y-%m-%d), $cores cores

\`bench/bench_web.sh --items $items --duration $duration --connections $connections --wrk-threads $wrk_threads\`:
wrk on the same machine as \`berkas serve\` (8 server threads, one read-only service each),
GET \`/api/v1/search?q=…&limit=20\` as a signed-in administrator, the session checked on every
request, cycling through the 20 queries of bench_ingest; *full* = top 20 with total, facets and
snippets (the default), *ranked* = \`&facets=0\` (top 20 with total and snippets). In process:
the same queries on read-only services, as the server's threads run them. Load average at the
end: $load (the machine is shared).

| | queries/s | median ms | p75 ms | p90 ms | p99 ms |
|---|---|---|---|---|---|
$(row "full: HTTP, $connections connections" "$full_rps" "$full_p50" "$full_p75" "$full_p90" "$full_p99")
$(row "full: HTTP, 1 connection" "$full1_rps" "$full1_p50" "$full1_p75" "$full1_p90" "$full1_p99")
$(row "full: in process, 1 thread" "$(val inproc_qps_1)" "$(val inproc_median_ms)" "" "$(val inproc_p90_ms)" "$(val inproc_p99_ms)")
$(row "full: in process, 2 threads" "$(val inproc_qps_2)" "" "" "" "")
$(row "ranked: HTTP, $connections connections" "$ranked_rps" "$ranked_p50" "$ranked_p75" "$ranked_p90" "$ranked_p99")
$(row "ranked: HTTP, 1 connection" "$ranked1_rps" "$ranked1_p50" "$ranked1_p75" "$ranked1_p90" "$ranked1_p99")
$(row "ranked: in process, 1 thread" "$(val ranked_inproc_qps_1)" "$(val ranked_inproc_median_ms)" "" "$(val ranked_inproc_p90_ms)" "$(val ranked_inproc_p99_ms)")
$(row "ranked: in process, 2 threads" "$(val ranked_inproc_qps_2)" "" "" "" "")
$(row "no search (GET /api/v1/session): HTTP, $connections connections" "$floor_rps" "$floor_p50" "$floor_p75" "$floor_p90" "$floor_p99")
$(row "no search (GET /api/v1/session): HTTP, 1 connection" "$floor1_rps" "$floor1_p50" "$floor1_p75" "$floor1_p90" "$floor1_p99")

HTTP ÷ in process — throughput ($connections connections ÷ 2 threads): full $(ratio "$full_rps" "$(val inproc_qps_2)"),
ranked $(ratio "$ranked_rps" "$(val ranked_inproc_qps_2)"); latency (1 connection ÷ 1 thread), median: full
$(ratio "$full1_p50" "$(val inproc_median_ms)"), ranked $(ratio "$ranked1_p50" "$(val ranked_inproc_median_ms)"); p99: full
$(ratio "$full1_p99" "$(val inproc_p99_ms)"), ranked $(ratio "$ranked1_p99" "$(val ranked_inproc_p99_ms)").
Non-2xx answers: $((full_bad + full1_bad + ranked_bad + ranked1_bad + floor_bad + floor1_bad)). Target (issue 4): ≥ 1,500 queries/s on 2 cores,
p99 ≤ 20 ms.
REPORT
)
echo "$report"
if [ -n "$out" ]; then echo "$report" > "$out"; fi
