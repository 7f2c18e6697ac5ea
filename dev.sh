#!/usr/bin/env bash
# Etap's two commands, for a fresh Debian/Ubuntu machine:
#   ./dev.sh run    install what is missing, build the UI, open the app
#                   (its own local database; a demo project on first run)
#   ./dev.sh test   install what is missing and run every check and test:
#                   rustfmt, clippy, svelte-check, cargo test, vitest, and the
#                   end-to-end suite through the real window (Xvfb + tauri-driver)
# Release builds (long on 2 cores; not part of `test`):
#   ./dev.sh deb        build the Debian package and print its path
#   ./dev.sh deb-check  install that package with apt, start the installed binary
#                       under Xvfb on a fresh data folder, check that it draws the
#                       project list (screenshot), uninstall it
#   ./dev.sh startup [N]  start-up time and memory of the release app against a bare
#                       Tauri 2 window, N runs each (BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"

APT_PACKAGES=(
  # Tauri 2 on Linux (WebKitGTK 4.1)
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libxdo-dev libssl-dev build-essential pkg-config file
  # the real window in tests: a virtual display, WebKit's WebDriver, a session bus
  xvfb xauth webkit2gtk-driver dbus dbus-x11 at-spi2-core
  # screenshots and PDF checks
  imagemagick qpdf poppler-utils
)

STEP=""
say() { STEP="$*"; printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

sudo_cmd() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  command -v cargo >/dev/null ||
    die "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again."
  if ! command -v node >/dev/null; then
    say "Installing Node.js and npm"
    DEBIAN_FRONTEND=noninteractive sudo_cmd apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is needed (found $(node --version))."
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    say "Installing tauri-driver (WebDriver bridge for the end-to-end tests)"
    cargo install tauri-driver --locked --version '^2'
  fi
}

# `npm ci` only when package-lock.json changed since the last install.
ensure_npm() {
  local dir=$1 stamp sum
  stamp="$dir/node_modules/.etap-lock-sha256"
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    say "Installing npm packages in $dir"
    # One retry: a registry or cache hiccup should not fail a whole run.
    (cd "$dir" && { npm ci --no-audit --no-fund --loglevel=error ||
      { sleep 5 && npm ci --no-audit --no-fund --loglevel=error; }; })
    echo "$sum" >"$stamp"
  fi
}

build_ui() {
  ensure_npm ui
  say "Building the UI"
  (cd ui && npm run --silent build)
}

cmd_run() {
  ensure_system
  build_ui
  say "Starting Etap"
  exec cargo run --features custom-protocol -- "$@"
}

# ---- test ------------------------------------------------------------------------

LOGS="$ROOT/artifacts/logs"
XVFB_PID=""
DRIVER_PID=""

stop_services() {
  # Each was started in its own process group (setsid): stop the group by its PID.
  if [ -n "$DRIVER_PID" ]; then kill -- "-$DRIVER_PID" 2>/dev/null || true; wait "$DRIVER_PID" 2>/dev/null || true; fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
  DRIVER_PID=""
  XVFB_PID=""
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_services() {
  local n=90
  while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$LOGS/xvfb.log" 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  local port=4444
  while port_busy "$port" || port_busy "$((port + 1))"; do port=$((port + 2)); done
  export TAURI_DRIVER_PORT=$port
  # Under its own session bus, so no dbus-launch is left behind.
  setsid dbus-run-session -- tauri-driver --port "$port" --native-port "$((port + 1))" \
    >"$LOGS/tauri-driver.log" 2>&1 &
  DRIVER_PID=$!
  local i
  for i in $(seq 1 100); do
    port_busy "$port" && return 0
    sleep 0.1
  done
  die "tauri-driver did not start (see $LOGS/tauri-driver.log)"
}

cmd_test() {
  mkdir -p "$LOGS"
  ensure_system
  ensure_tauri_driver
  ensure_npm ui
  ensure_npm tests/e2e
  trap 'rc=$?; stop_services; [ $rc = 0 ] || printf "\n\033[31mFAILED at: %s\033[0m\n" "$STEP"' EXIT

  # The app embeds ui/dist at compile time, so the UI is built before any cargo step.
  build_ui
  say "Formatting (cargo fmt --check)"
  cargo fmt --all --check
  say "Lints (cargo clippy -D warnings)"
  cargo clippy --workspace --all-targets --features custom-protocol -- -D warnings
  say "Svelte and TypeScript (svelte-check)"
  (cd ui && npm run --silent check)

  say "Rust tests (cargo test)"
  cargo test --workspace --features custom-protocol 2>&1 | tee "$LOGS/cargo-test.log"

  # Each bench once on small data, so none can rot (figures: BENCHMARKS.md); bounded
  # to seconds, and no figure is judged here.
  say "Benches, quick mode (each once)"
  cargo run --quiet -p etap-export --example scale_bench -- 20 1
  cargo run --quiet -p etap-storage --example search_bench -- 10 1
  cargo run --quiet -p etap-documents --example spec_growth -- 1

  say "UI tests (vitest)"
  (cd ui && npx vitest run --reporter=default) 2>&1 | tee "$LOGS/vitest.log"

  run_e2e

  # The start-up bench once, on the debug build the E2E suite just used, so its script
  # and the marks it reads cannot rot; the release comparison with the bare window is
  # `./dev.sh startup` (two LTO builds: too long for this command).
  say "Start-up bench, quick mode (once)"
  # A fixed folder, emptied before rather than after: WebKit's helper processes may
  # still be writing their caches into it for a moment after the app has stopped.
  local quick="$ROOT/target/startup-quick"
  rm -rf "$quick"
  mkdir -p "$quick"
  target/debug/etap --data-dir "$quick/demo" demo >/dev/null
  dbus-run-session -- node benches/startup.mjs --quick --etap target/debug/etap \
    --demo "$quick/demo" --xdg "$quick/xdg"
  summary
}

run_e2e() {
  say "End-to-end tests through the real window"
  cargo build --features custom-protocol
  start_services
  (cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec ${E2E_FILES:-./*.test.mjs}) 2>&1 |
    tee "$LOGS/e2e.log"
  stop_services
}

# Only the end-to-end suite (for developers; `./dev.sh test` runs it too).
cmd_e2e() {
  mkdir -p "$LOGS"
  ensure_system
  ensure_tauri_driver
  ensure_npm tests/e2e
  trap stop_services EXIT
  build_ui
  run_e2e
}

# ---- release -----------------------------------------------------------------------

DEB_DIR="$ROOT/target/release/bundle/deb"

# The Tauri CLI from ui/'s npm packages (it ships its native binary): it builds the UI
# (beforeBuildCommand), the release binary (the root Cargo.toml's release profile) and
# the package with its desktop entry and icons (tauri.conf.json "bundle").
cmd_deb() {
  ensure_system
  ensure_npm ui
  say "Building the release binary and the Debian package (long: LTO, one codegen unit)"
  rm -f "$DEB_DIR"/*.deb
  node ui/node_modules/.bin/tauri build --ci --bundles deb --features custom-protocol
  local deb
  deb=$(ls "$DEB_DIR"/*.deb)
  say "Package"
  dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
  echo "$deb"
}

DEB_PKG=""
DEB_WAS_INSTALLED=yes

# After the check: the package is removed again unless it was installed before.
uninstall_after_check() {
  if [ -n "$DEB_PKG" ] && [ "$DEB_WAS_INSTALLED" = no ] &&
    dpkg-query -W -f='${Status}' "$DEB_PKG" 2>/dev/null | grep -q "install ok installed"; then
    say "Uninstalling $DEB_PKG"
    DEBIAN_FRONTEND=noninteractive sudo_cmd apt-get remove -y -qq "$DEB_PKG" >/dev/null
  fi
}

cmd_deb_check() {
  mkdir -p "$LOGS"
  ensure_system
  ensure_tauri_driver
  ensure_npm tests/e2e
  local deb=${1:-}
  if [ -z "$deb" ]; then
    deb=$(ls "$DEB_DIR"/*.deb 2>/dev/null | head -1 || true)
    [ -n "$deb" ] || die "no package in target/release/bundle/deb: run ./dev.sh deb first"
  fi
  deb=$(realpath "$deb")
  DEB_PKG=$(dpkg-deb --field "$deb" Package)
  DEB_WAS_INSTALLED=no
  dpkg-query -W -f='${Status}' "$DEB_PKG" 2>/dev/null | grep -q "install ok installed" && DEB_WAS_INSTALLED=yes
  trap 'rc=$?; stop_services; uninstall_after_check; [ $rc = 0 ] || printf "\n\033[31mFAILED at: %s\033[0m\n" "$STEP"' EXIT

  say "Installing $deb with apt (its dependencies resolve)"
  DEBIAN_FRONTEND=noninteractive sudo_cmd apt-get install -y -qq "$deb"
  local bin desktop
  bin=$(dpkg -L "$DEB_PKG" | grep -E '^/usr/bin/' | head -1)
  [ -x "$bin" ] || die "the package installed no binary under /usr/bin"
  desktop=$(dpkg -L "$DEB_PKG" | grep -E '^/usr/share/applications/.*\.desktop$' | head -1)
  [ -f "$desktop" ] || die "the package installed no desktop entry"
  say "Installed files"
  dpkg -L "$DEB_PKG" | grep -E '^/usr/(bin|share/applications|share/icons)/.*[^/]$' | sed 's/^/  /'
  sed 's/^/  /' "$desktop"
  "$bin" --help >/dev/null || die "$bin --help failed"

  say "Starting the installed $bin under Xvfb on a fresh data folder"
  start_services
  (cd tests/e2e && ETAP_BIN="$bin" node --test --test-reporter=spec ./installed.check.mjs) 2>&1 |
    tee "$LOGS/deb-check.log"
  stop_services
  echo "screenshot: artifacts/e2e/installed-project-list.png"
}

BENCH_DATA="$ROOT/target/bench-data"

# Start-up and memory against a bare Tauri 2 window, both release builds of one
# profile, measured in the same run (benches/startup.mjs; BENCHMARKS.md).
cmd_startup() {
  local runs=${1:-5}
  ensure_system
  build_ui
  say "Release builds: Etap and the bare window (one profile, one target folder)"
  cargo build --release --features custom-protocol
  CARGO_TARGET_DIR="$ROOT/target" cargo build --release --features custom-protocol \
    --manifest-path benches/bare-window/Cargo.toml
  local etap="$ROOT/target/release/etap" bare="$ROOT/target/release/bare-window"
  # The databases are made once by the release CLI and kept in target/bench-data.
  if [ ! -f "$BENCH_DATA/demo/etap.sqlite" ]; then
    say "The demo database"
    mkdir -p "$BENCH_DATA/demo"
    "$etap" --data-dir "$BENCH_DATA/demo" demo
  fi
  if [ ! -f "$BENCH_DATA/p1000-s1/complete" ]; then
    say "The 1,000-project database (gen-data --projects 1000 --seed 1, once)"
    rm -rf "$BENCH_DATA/p1000-s1"
    mkdir -p "$BENCH_DATA/p1000-s1"
    "$etap" --data-dir "$BENCH_DATA/p1000-s1" gen-data --projects 1000 --seed 1
    touch "$BENCH_DATA/p1000-s1/complete"
  fi
  say "Starting each $runs times under Xvfb (plus one warm-up)"
  mkdir -p artifacts/startup
  dbus-run-session -- node benches/startup.mjs --runs "$runs" --etap "$etap" --bare "$bare" \
    --demo "$BENCH_DATA/demo" --big "$BENCH_DATA/p1000-s1" --xdg "$BENCH_DATA/xdg" \
    --out artifacts/startup/runs.json
}

# The runners' own closing lines, gathered at the end so a run that executed no
# test is visible, then one total.
summary() {
  local strip='s/\x1b\[[0-9;]*m//g'
  say "Summary"
  echo "cargo test:"
  sed "$strip" "$LOGS/cargo-test.log" | grep -E '^test result:' | sed 's/^/  /'
  echo "vitest:"
  sed "$strip" "$LOGS/vitest.log" | grep -E '^ *(Test Files|Tests) ' | sed 's/^ */  /'
  echo "e2e (node --test):"
  sed "$strip" "$LOGS/e2e.log" | grep -E '^ℹ (tests|pass|fail) ' | sed 's/^/  /'
  local passed failed
  passed=$(
    {
      sed "$strip" "$LOGS/cargo-test.log" | grep -oE '^test result: .* ([0-9]+) passed' | grep -oE '[0-9]+ passed' | cut -d' ' -f1
      sed "$strip" "$LOGS/vitest.log" | grep -E '^ *Tests ' | grep -oE '[0-9]+ passed' | cut -d' ' -f1
      sed "$strip" "$LOGS/e2e.log" | grep -E '^ℹ pass ' | grep -oE '[0-9]+'
    } | awk '{ s += $1 } END { print s + 0 }'
  )
  failed=$(
    {
      echo 0
      sed "$strip" "$LOGS/cargo-test.log" | grep -oE '[0-9]+ failed' | cut -d' ' -f1
      sed "$strip" "$LOGS/vitest.log" | grep -E '^ *Tests ' | grep -oE '[0-9]+ failed' | cut -d' ' -f1
      sed "$strip" "$LOGS/e2e.log" | grep -E '^ℹ fail ' | grep -oE '[0-9]+'
    } | awk '{ s += $1 } END { print s + 0 }'
  )
  echo "total: $passed passed, $failed failed"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  e2e) shift; cmd_e2e "$@" ;;
  deb) shift; cmd_deb "$@" ;;
  deb-check) shift; cmd_deb_check "$@" ;;
  startup) shift; cmd_startup "$@" ;;
  *) echo "usage: ./dev.sh run | test | e2e | deb | deb-check [FILE.deb] | startup [N]" >&2; exit 2 ;;
esac
