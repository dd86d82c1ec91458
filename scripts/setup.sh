#!/usr/bin/env bash
# Berkas set-up: installs Debian packages, builds, and runs the main job or the tests.
#   scripts/setup.sh run    install, build (release), create ./berkas-data with the law and the
#                           fictional demo case (once), then run the web application on
#                           http://127.0.0.1:8080/ ($BERKAS_LISTEN) until Ctrl-C
#   scripts/setup.sh test   install, build, install the browser tests' playwright-core (npm ci),
#                           run the whole test suite (what .ci/run calls)
#   scripts/setup.sh deps   only install the Debian packages
#   scripts/setup.sh build  only build
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
  qpdf poppler-utils mupdf-tools
  chromium nodejs
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

run_tests() {
  ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
}

case "${1:-}" in
  deps) deps ;;
  build) deps; build ;;
  run) deps; build; run_main ;;
  test) deps; build; browser_deps; run_tests ;;
  *) echo "usage: scripts/setup.sh run|test|deps|build" >&2; exit 2 ;;
esac
