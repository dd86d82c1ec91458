#!/usr/bin/env bash
# bench/robustness.sh: two robustness findings, measured side by side on `berkas` binaries (e.g.
# the parent commit's and this one's) in the same run, on the FIKTIF demo store:
#   searches wrk -t2 -c16 cheap searches (some with as_of, open date ranges) for 15 s:
#            requests/s, and whether the server is still alive afterwards
#   port     a second server (its own data folder) on the same port: refused, or started
# Slow, idle and flooding clients are measured by tests/server/robustness_test.cpp and
# tests/service/accounts_test.cpp (see docs/RELIABILITY.md). Needs curl and wrk. Usage:
#   bench/robustness.sh BERKAS [BERKAS...]      e.g. /tmp/old/berkas build/release/src/berkas
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: bench/robustness.sh BERKAS [BERKAS...]" >&2; exit 2; }
for tool in curl wrk; do command -v $tool >/dev/null || { echo "bench/robustness.sh: $tool is missing" >&2; exit 2; }; done
work=$(mktemp -d /tmp/berkas-robust-XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
password=kata-sandi-bench-12345

cat >"$work/search.lua" <<'EOF'
local paths = {"/api/v1/search?q=perekrutan&limit=1&facets=0",
               "/api/v1/search?q=perekrutan+penipuan&limit=1&facets=0&as_of=2024-06-01",
               "/api/v1/search?q=tanggal:2024..&limit=1&facets=0",
               "/api/v1/search?q=pasal+2&limit=1&facets=0&as_of=2026-06-01"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Cookie"] = os.getenv("BERKAS_COOKIE")})
end
EOF

measure() {
  local bin=$1 n=$2 port=$((18500 + $2))
  local data="$work/data-$n" base="http://127.0.0.1:$port"
  "$bin" --data "$data" init --demo >/dev/null 2>&1 || { echo "$bin: init failed"; return; }
  "$bin" --data "$data" serve --listen "127.0.0.1:$port" >"$work/serve-$n.out" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do grep -q "running at" "$work/serve-$n.out" && break; sleep 0.1; done
  local token cookie
  token=$(grep -o 'setup token: [0-9a-f]*' "$work/serve-$n.out" | cut -d' ' -f3)
  cookie=$(curl -s -i -X POST "$base/api/v1/setup" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$token\",\"user\":\"admin\",\"password\":\"$password\"}" |
    grep -io 'berkas_session=[0-9a-f]*')

  # port: a second server, with a data folder of its own, on the same port.
  local second
  "$bin" --data "$data-2" init >/dev/null 2>&1
  timeout 5 "$bin" --data "$data-2" serve --listen "127.0.0.1:$port" >"$work/second-$n.out" 2>&1
  second=$?
  [ "$second" -eq 124 ] && second="started (killed after 5 s)" || second="refused, exit $second"

  # searches: many cheap searches at once.
  local rps alive
  rps=$(BERKAS_COOKIE=$cookie wrk -t2 -c16 -d15s -s "$work/search.lua" "$base/" 2>&1 | awk '/Requests\/sec/ {print $2}')
  if kill -0 $pid 2>/dev/null; then alive=yes; else alive="NO ($(wait $pid; echo "exit $?"))"; fi

  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  printf '%s\n  searches: %s req/s, alive after: %s   second server on the port: %s\n' \
    "$bin" "${rps:-0}" "$alive" "$second"
}

n=0
for bin in "$@"; do
  measure "$bin" $n
  n=$((n + 1))
done
