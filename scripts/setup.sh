#!/usr/bin/env bash
# Berkas set-up: installs Debian packages, builds, and runs the main job or the tests.
#   scripts/setup.sh run    install, build (release), create ./berkas-data with the law and the
#                           fictional demo case (once), then run the web application on
#                           http://127.0.0.1:8080/ ($BERKAS_LISTEN) until Ctrl-C
#   scripts/setup.sh test   install, build, install the browser tests' playwright-core (npm ci),
#                           run the whole test suite, then the sanitizer and fuzz steps below
#                           (what .ci/run calls); fails if any step fails, after running them all
#   scripts/setup.sh deps   only install the Debian packages
#   scripts/setup.sh build  only build
#   scripts/setup.sh asan   only the test suite under ASan+UBSan (build/asan; browser test skipped)
#   scripts/setup.sh tsan   only the server, search and service suites under TSan (build/tsan)
#   scripts/setup.sh fuzz   only the libFuzzer targets (build/fuzz, clang), each for
#                           $BERKAS_FUZZ_SECONDS (default 60) after replaying tests/fuzz/regressions
# See docs/RELIABILITY.md for what each step covers and what it costs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir=${BERKAS_BUILD_DIR:-$root/build/release}
jobs=${BERKAS_JOBS:-$(nproc 2>/dev/null || echo 2)}

packages=(
  g++ cmake make pkg-config
  libsqlite3-dev sqlite3
  libxml2-dev libxml2-utils
  libxapian-dev xapian-tools
  libpoco-dev libssl-dev
  libpodofo-dev fonts-liberation
  libboost-test-dev libexpected-dev libkainjow-mustache-dev
  qpdf poppler-utils mupdf-tools python3
  libpoppler-cpp-dev libtesseract-dev tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng
  libarchive-dev libgmime-3.0-dev libexif-dev
  libhunspell-dev hunspell-id
  libphonenumber-dev
  chromium nodejs
  clang libclang-rt-14-dev llvm
)

deps() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Debian's npm, unless Node.js brought its own (NodeSource's nodejs includes npm and conflicts
  # with Debian's package).
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  echo "berkas: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir" -j "$jobs"
}

run_main() {
  local data=${BERKAS_DATA:-$root/berkas-data}
  local listen=${BERKAS_LISTEN:-127.0.0.1:8080}
  local berkas="$build_dir/src/berkas"
  if [ ! -f "$data/store.sqlite" ]; then
    "$berkas" --data "$data" init --demo
  fi
  echo "berkas: the web application on http://$listen/ — the first time it prints a one-time setup" \
       "token: open /setup, enter it and create the administrator (then users and case assignments" \
       "under /admin); afterwards sign in at /login. Ctrl-C stops it." >&2
  exec "$berkas" --data "$data" serve --listen "$listen"
}

# playwright-core for the browser tests (tests/browser), exactly as package-lock.json pins it. The
# browser itself is Debian's chromium; nothing is downloaded by Playwright. Without it the browser
# test reports itself skipped and says why.
browser_deps() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "berkas: npm missing; the browser test will be skipped" >&2
    return 0
  fi
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "berkas: npm ci failed in tests/browser; the browser test will be skipped" >&2
}

# No test may hang a run: one that has not finished within this many seconds fails (the slowest
# takes about 80 s under ASan on 2 cores).
test_timeout=${BERKAS_TEST_TIMEOUT:-600}

run_tests() {
  ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout "$test_timeout"
}

# ---------------------------------------------------------------- sanitizers and fuzzing
# Every finding is fatal: the first error report ends the process with a failing status, so the
# test fails. Not abort_on_error: Boost.Test catches the SIGABRT that would raise, and its handler
# then deadlocks on the sanitizer's own lock — the test hung until CI's limit instead of failing.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
supp_dir=$root/scripts/sanitizers
# Suppressions, each entry proven to be inside a third-party library (see the files' comments).
[ -f "$supp_dir/lsan.supp" ] && export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$supp_dir/lsan.supp:print_suppressions=0}
[ -f "$supp_dir/tsan.supp" ] && TSAN_OPTIONS="$TSAN_OPTIONS:suppressions=$supp_dir/tsan.supp"
[ -f "$supp_dir/ubsan.supp" ] && UBSAN_OPTIONS="$UBSAN_OPTIONS:suppressions=$supp_dir/ubsan.supp"

# A Debug build at -O1 (fast enough to test, frames kept for the reports), no benchmarks.
sanitizer_cmake=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" -DBERKAS_BUILD_BENCH=OFF)
asan_dir=${BERKAS_ASAN_DIR:-$root/build/asan}
tsan_dir=${BERKAS_TSAN_DIR:-$root/build/tsan}
fuzz_dir=${BERKAS_FUZZ_DIR:-$root/build/fuzz}
# The suites TSan runs: those with threads of their own (the server's workers, concurrent readers
# and the writer of the index, the service's shared context): ctest labels, and the target that
# builds their tests (tests/CMakeLists.txt).
tsan_labels='^(server|search|service)$'

say() { echo "berkas: $*" >&2; }

# ctest_step STEP DIR [--wrap COMMAND... --] CTEST-ARGS...: runs ctest in DIR (output shown and
# kept in DIR/ctest.log; COMMAND... is a prefix such as setarch ARCH -R), and keeps its result
# line in DIR/summary.txt; returns 1 if any test failed or none ran.
ctest_step() {
  local step=$1 dir=$2; shift 2
  local wrap=()
  if [ "${1:-}" = "--wrap" ]; then
    shift
    while [ "$1" != "--" ]; do wrap+=("$1"); shift; done
    shift
  fi
  local log="$dir/ctest.log"
  { "${wrap[@]}" ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout "$test_timeout" "$@" 2>&1 || echo "berkas: $step: ctest failed"; } |
    tee "$log" >&2
  local line rc=0
  line=$(grep -E "tests passed" "$log" | tail -1 || true)
  if [ -z "$line" ] || grep -q "^berkas: $step: ctest failed" "$log"; then rc=1; fi
  echo "$line" >"$dir/summary.txt"
  return "$rc"
}

# summary STEP RC T0 BUILT DIR: the step's one summary line (DIR/summary.txt holds its result).
summary() {
  local step=$1 rc=$2 t0=$3 built=$4 dir=$5
  local result
  result=$(cat "$dir/summary.txt" 2>/dev/null || true)
  say "$step: summary: ${result:-no result} — build ${built}s, run $((SECONDS - t0 - built))s —" \
      "$([ "$rc" -eq 0 ] && echo passed || echo FAILED)"
  return "$rc"
}

sanitize_address() {
  local t0=$SECONDS rc=0
  say "asan: the whole test suite (browser test skipped) under AddressSanitizer + UBSan with" \
      "LeakSanitizer, in $asan_dir: cmake ${sanitizer_cmake[*]} -DBERKAS_SANITIZE=address"
  rm -f "$asan_dir/summary.txt"
  # (set -e does not apply inside a function called from all_tests' "||": check each step.)
  { cmake -S "$root" -B "$asan_dir" "${sanitizer_cmake[@]}" -DBERKAS_SANITIZE=address >/dev/null &&
    cmake --build "$asan_dir" -j "$jobs"; } || { summary asan 1 "$t0" $((SECONDS - t0)) "$asan_dir"; return 1; }
  local built=$((SECONDS - t0))
  say "asan: ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS; ctest -E '^browser\$'"
  ctest_step asan "$asan_dir" -E '^browser$' || rc=1
  summary asan "$rc" "$t0" "$built" "$asan_dir"
}

sanitize_thread() {
  local t0=$SECONDS rc=0
  say "tsan: the server, search and service suites under ThreadSanitizer, in $tsan_dir:" \
      "cmake ${sanitizer_cmake[*]} -DBERKAS_SANITIZE=thread"
  rm -f "$tsan_dir/summary.txt"
  { cmake -S "$root" -B "$tsan_dir" "${sanitizer_cmake[@]}" -DBERKAS_SANITIZE=thread >/dev/null &&
    cmake --build "$tsan_dir" -j "$jobs" --target berkas_threaded_tests; } ||
    { summary tsan 1 "$t0" $((SECONDS - t0)) "$tsan_dir"; return 1; }
  local built=$((SECONDS - t0))
  # TSan needs its fixed memory layout: with address randomisation off (setarch -R) a kernel with
  # a high vm.mmap_rnd_bits cannot break it ("FATAL: ThreadSanitizer: unexpected memory mapping").
  local wrap=()
  command -v setarch >/dev/null 2>&1 && wrap=(setarch "$(uname -m)" -R)
  # The search load test (16 connections on /api/v1/search beside a writer) runs for 60 s here.
  export BERKAS_LOAD_SECONDS="${BERKAS_LOAD_SECONDS:-60}"
  say "tsan: TSAN_OPTIONS=$TSAN_OPTIONS BERKAS_LOAD_SECONDS=$BERKAS_LOAD_SECONDS; ${wrap[*]} ctest -L '$tsan_labels'"
  ctest_step tsan "$tsan_dir" --wrap "${wrap[@]}" -- -L "$tsan_labels" || rc=1
  summary tsan "$rc" "$t0" "$built" "$tsan_dir"
}

# The fuzz targets: name | seed files and folders (relative to the source tree) | dictionary.
fuzz_targets=(
  "ingest_xml_fuzz|demo tests/data/bad tests/data/hostile tests/fuzz/seeds/ingest_xml|xml.dict"
  "law_xml_fuzz|law/uu-21-2007.xml law/uu-1-2023-tppo.xml|xml.dict"
  "putusan_text_fuzz|demo/putusan tests/data/putusan|query.dict"
  "citations_fuzz|demo/putusan tests/data/putusan tests/fuzz/seeds/citations|query.dict"
  "search_query_fuzz|tests/fuzz/seeds/search_query|query.dict"
  "bundle_template_fuzz|templates/court-bundle.xml templates/witness-file.xml|xml.dict"
  "guideline_fuzz|templates/guidelines/restitusi-korban-tppo.xml templates/guidelines/pendampingan-korban-paralegal.xml|xml.dict"
  "http_fuzz|tests/fuzz/seeds/http|http.dict"
  "http_multipart_fuzz|tests/fuzz/seeds/http_multipart|http.dict"
  "http_head_fuzz|tests/fuzz/seeds/http_head|http.dict"
  "chat_fuzz|tests/fuzz/seeds/chat|chat.dict"
  "office_zip_fuzz|tests/fuzz/seeds/office_zip|xml.dict"
  "email_fuzz|tests/fuzz/seeds/email|email.dict"
  "image_header_fuzz|tests/fuzz/seeds/image_header|image.dict"
  "evidence_text_fuzz|tests/fuzz/seeds/evidence_text demo/03-bap demo/11-perkara-lain|query.dict"
)

# fuzz_one TARGET SEEDS DICT: replays tests/fuzz/regressions/TARGET, then fuzzes the target for
# $fuzz_seconds from its corpus (kept in build/fuzz/work between runs) and the SEEDS; writes one
# result line to $fuzz_dir/results/TARGET; returns 1 on a crash.
fuzz_one() {
  local t=$1 seeds=$2 dict=$3
  local bin="$fuzz_dir/tests/fuzz/$t" work="$fuzz_dir/work/$t" res="$fuzz_dir/results/$t"
  local flags=(-rss_limit_mb=2048 -timeout=10 -dict="$root/tests/fuzz/dict/$dict")
  rm -rf "$work/seeds" "$work/artifacts"
  mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
  local s
  for s in $seeds; do
    if [ -d "$root/$s" ]; then
      find "$root/$s" -type f \( -name '*.xml' -o -name '*.txt' \) -exec cp {} "$work/seeds/" \;
    else
      cp "$root/$s" "$work/seeds/"
    fi
  done
  local regressions=("$root/tests/fuzz/regressions/$t"/*)
  if [ -e "${regressions[0]}" ]; then
    if ! "$bin" "${flags[@]}" "${regressions[@]}" >"$work/replay.log" 2>&1; then
      echo "$t|FAILED|a reproducer in tests/fuzz/regressions/$t crashes again (log: $work/replay.log)" >"$res"
      return 1
    fi
  fi
  local rc=0
  "$bin" "${flags[@]}" -max_total_time="$fuzz_seconds" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" "$work/seeds" >"$work/fuzz.log" 2>&1 || rc=$?
  local execs corpus
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
  corpus=$(find "$work/corpus" -type f | wc -l)
  if [ "$rc" -ne 0 ]; then
    echo "$t|FAILED|after ${execs:-?} executions (exit $rc): $(ls "$work/artifacts" | head -3 | tr '\n' ' ')— log: $work/fuzz.log" >"$res"
    return 1
  fi
  echo "$t|ok|${execs:-?} executions in ${fuzz_seconds}s, corpus ${corpus} inputs" >"$res"
}

fuzz() {
  local t0=$SECONDS
  fuzz_seconds=${BERKAS_FUZZ_SECONDS:-60}
  say "fuzz: libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined), in $fuzz_dir:" \
      "cmake ${sanitizer_cmake[*]} -DBERKAS_FUZZ=ON -DBERKAS_BUILD_TESTS=OFF"
  rm -f "$fuzz_dir/summary.txt"
  { CC=${BERKAS_FUZZ_CC:-clang} CXX=${BERKAS_FUZZ_CXX:-clang++} \
      cmake -S "$root" -B "$fuzz_dir" "${sanitizer_cmake[@]}" -DBERKAS_FUZZ=ON -DBERKAS_BUILD_TESTS=OFF >/dev/null &&
    cmake --build "$fuzz_dir" -j "$jobs" --target berkas_fuzz_targets; } ||
    { summary fuzz 1 "$t0" $((SECONDS - t0)) "$fuzz_dir"; return 1; }
  local built=$((SECONDS - t0))
  rm -rf "$fuzz_dir/results"
  mkdir -p "$fuzz_dir/results"
  local entry t seeds dict pids=() ran=()
  for entry in "${fuzz_targets[@]}"; do
    IFS='|' read -r t seeds dict <<<"$entry"
    if [ -n "${BERKAS_FUZZ_TARGETS:-}" ] && [[ " $BERKAS_FUZZ_TARGETS " != *" $t "* ]]; then continue; fi
    if [ ! -x "$fuzz_dir/tests/fuzz/$t" ]; then
      say "fuzz: $t not built (its sources are not in the tree yet): skipped"
      continue
    fi
    say "fuzz: $t for ${fuzz_seconds}s (seeds: $seeds; dictionary $dict; -rss_limit_mb=2048 -timeout=10)"
    ran+=("$t")
    fuzz_one "$t" "$seeds" "$dict" &
    pids+=($!)
    # As many targets at once as there are jobs.
    if [ ${#pids[@]} -ge "$jobs" ]; then
      wait "${pids[0]}" || true
      pids=("${pids[@]:1}")
    fi
  done
  local p
  for p in "${pids[@]}"; do wait "$p" || true; done
  local rc=0 failed=0 line
  for t in "${ran[@]}"; do
    line=$(cat "$fuzz_dir/results/$t" 2>/dev/null || echo "$t|FAILED|no result")
    say "fuzz: ${line//|/: }"
    case "$line" in *"|ok|"*) ;; *) rc=1; failed=$((failed + 1)) ;; esac
  done
  echo "${#ran[@]} targets, $failed failed" >"$fuzz_dir/summary.txt"
  summary fuzz "$rc" "$t0" "$built" "$fuzz_dir"
}

# test: every step runs, so one CI log shows every finding; fails if any step failed.
all_tests() {
  local rc=0
  run_tests || rc=1
  sanitize_address || rc=1
  sanitize_thread || rc=1
  fuzz || rc=1
  return "$rc"
}

case "${1:-}" in
  deps) deps ;;
  build) deps; build ;;
  run) deps; build; run_main ;;
  test) deps; build; browser_deps; all_tests ;;
  asan) deps; sanitize_address ;;
  tsan) deps; sanitize_thread ;;
  fuzz) deps; fuzz ;;
  *) echo "usage: scripts/setup.sh run|test|deps|build|asan|tsan|fuzz" >&2; exit 2 ;;
esac
