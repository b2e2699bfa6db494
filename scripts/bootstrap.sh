# Installs what building and testing the app needs, skipping every step whose
# result is already there. Sourced by scripts/serve.sh and scripts/test.sh:
# it also exports the PATH and environment the build uses.
#
#   GAZETTE_TOOLS   where npm tools (wasm-opt, esbuild) live; default ~/.cache/gazette-tools
#   BOOTSTRAP_BROWSERS=0   skip the browsers and WebDriver servers (serve only)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GAZETTE_TOOLS="${GAZETTE_TOOLS:-$HOME/.cache/gazette-tools}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
ESBUILD_VERSION="0.24.0"
AXE_VERSION="4.10.2"
export PATH="$HOME/.cargo/bin:$GAZETTE_TOOLS/node_modules/.bin:$PATH"

say() { printf 'bootstrap: %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null; then
    say "missing $* and no apt-get: install them yourself"; return 1
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  # Another apt (a fresh machine's unattended upgrades, say) may hold the
  # package lock for a while: wait for it instead of failing at once.
  local wait=(-o DPkg::Lock::Timeout=900)
  if [ "$apt_updated" = 0 ]; then
    $sudo apt-get "${wait[@]}" update -qq >/dev/null; apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait[@]}" install -y -qq "$@" >/dev/null
}

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# 1. The wasm32 standard library: rustup's target, or Debian's Rust building
#    std from source where rustup cannot fetch it.
# (grep without -q reads all its input: under pipefail an early exit would
# fail the writer with SIGPIPE and look like "not installed".)
if ! rustup target list --installed 2>/dev/null | grep -x wasm32-unknown-unknown >/dev/null; then
  say "rustup target add wasm32-unknown-unknown"
  if ! timeout 120 rustup target add wasm32-unknown-unknown >&2; then
    say "rustup could not fetch the target: using Debian's rustc-web with build-std"
    command -v /usr/lib/llvm-22/bin/wasm-ld >/dev/null || apt_install rustc-web cargo-web rust-web-src lld-22
    export PATH="/usr/bin:$PATH"
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld
  fi
fi

# 1b. The release wasm is built with std compiled from source at the release
#     profile (opt-level "z", LTO) and panics that trap at once instead of
#     formatting a message: about 9% smaller after brotli. The loader shows
#     the crash notice for such a trap (xtask/src/loader.rs). Callers run
#     Trunk as `env "${RELEASE_ENV[@]}" trunk ...`; these variables must not
#     reach native builds, so they are not exported (the post-build hook in
#     Trunk.toml removes them again). Without rustup's std
#     source (or where it cannot be fetched) the release build keeps the
#     prebuilt std and the panic hook.
RELEASE_ENV=()
immediate_abort="-Zunstable-options -Cpanic=immediate-abort"
# Leptos's `erase_components`: each component's view is type-erased, so
# far fewer generic view types are compiled (about 14% less wasm).
erased="--cfg=erase_components"
if [ "${CARGO_UNSTABLE_BUILD_STD:-}" ]; then
  RELEASE_ENV=(CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$immediate_abort $erased")
else
  if ! rustup component list --installed 2>/dev/null | grep -x 'rust-src' >/dev/null; then
    say "rustup component add rust-src"
    timeout 120 rustup component add rust-src >&2 || say "no rust-src: the release wasm keeps the prebuilt std"
  fi
  if rustup component list --installed 2>/dev/null | grep -x 'rust-src' >/dev/null; then
    RELEASE_ENV=(RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$immediate_abort $erased")
  else
    RELEASE_ENV=(CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$erased")
  fi
fi

# 2. The system packages, fetched in the background while the Rust tools
#    compile below (apt waits on the network, cargo on the CPU): the three
#    browser engines for the tests (Chromium, Firefox ESR, WebKitGTK under
#    Xvfb), ChromeDriver, Korean fonts so screenshots are readable, npm, and
#    MariaDB.
apt_missing=()
command -v npm >/dev/null || apt_missing+=(nodejs npm)
# MariaDB for the sync program's tests (scripts/mariadb-check.sh starts its
# own server; the packaged service is not used).
[ -x /usr/sbin/mariadbd ] || apt_missing+=(mariadb-server mariadb-client)
if [ "${BOOTSTRAP_BROWSERS:-1}" = 1 ]; then
  command -v chromium >/dev/null || apt_missing+=(chromium)
  command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || apt_missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || apt_missing+=(webkit2gtk-driver libwebkit2gtk-4.1-0)
  [ -x /usr/lib/x86_64-linux-gnu/webkitgtk-6.0/MiniBrowser ] || apt_missing+=(libwebkitgtk-6.0-4)
  command -v xvfb-run >/dev/null || apt_missing+=(xvfb)
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || apt_missing+=(fonts-noto-cjk)
fi
apt_pid=""
if [ ${#apt_missing[@]} != 0 ]; then
  apt_install "${apt_missing[@]}" &
  apt_pid=$!
fi

# 3. The Rust tools, compiled without link-time optimisation and at a low
#    optimisation level: they only drive the build and the tests, and this
#    roughly halves the time a fresh machine spends compiling them.
quick_install() {
  local opt="$1"; shift
  env CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_PROFILE_RELEASE_LTO=off \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=0 \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false cargo install "$@" >&2
}

# 3a. wasm-bindgen CLI (and its test runner) at exactly the Cargo.lock
#     version; at opt-level 1, as it rewrites every wasm the tests build.
WBG_VERSION="$(wasm_bindgen_version)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WBG_VERSION"
  quick_install 1 wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

# 3b. Trunk.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION"
  quick_install 0 trunk --version "$TRUNK_VERSION" --locked --force
fi

# 3c. geckodriver, Firefox's WebDriver server.
if [ "${BOOTSTRAP_BROWSERS:-1}" = 1 ] && ! command -v geckodriver >/dev/null; then
  say "cargo install geckodriver"
  quick_install 0 --locked geckodriver
fi

if [ -n "$apt_pid" ] && ! wait "$apt_pid"; then
  say "apt-get install ${apt_missing[*]} failed"; return 1 2>/dev/null || exit 1
fi

# 4. wasm-opt from npm's binaryen (Debian's v108 breaks the app at run time).
if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "npm install binaryen@$BINARYEN_VERSION into $GAZETTE_TOOLS"
  mkdir -p "$GAZETTE_TOOLS"
  (cd "$GAZETTE_TOOLS" && npm install --no-audit --no-fund --silent -E "binaryen@$BINARYEN_VERSION" >&2)
fi

# 4b. esbuild, which minifies the release JS glue and style sheets
#     (xtask/src/shrink.rs; Trunk's own minifiers break the build).
if [ "$(esbuild --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
  say "npm install esbuild@$ESBUILD_VERSION into $GAZETTE_TOOLS"
  mkdir -p "$GAZETTE_TOOLS"
  (cd "$GAZETTE_TOOLS" && npm install --no-audit --no-fund --silent -E "esbuild@$ESBUILD_VERSION" >&2)
fi

# 5. axe-core for the accessibility audit, and where the tests find the
#    WebDriver servers.
if [ "${BOOTSTRAP_BROWSERS:-1}" = 1 ]; then
  if [ ! -f "$GAZETTE_TOOLS/node_modules/axe-core/axe.min.js" ]; then
    say "npm install axe-core@$AXE_VERSION into $GAZETTE_TOOLS"
    mkdir -p "$GAZETTE_TOOLS"
    (cd "$GAZETTE_TOOLS" && npm install --no-audit --no-fund --silent -E "axe-core@$AXE_VERSION" >&2)
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver)}"
  export AXE_JS="${AXE_JS:-$GAZETTE_TOOLS/node_modules/axe-core/axe.min.js}"
fi

# 6. Crates, so that Trunk's offline cargo builds find everything.
(cd "$ROOT" && cargo fetch --quiet >&2)
# ... and std's own dependencies, for the release build's std from source.
if [ ${#RELEASE_ENV[@]} != 0 ]; then
  (cd "$ROOT" && env "${RELEASE_ENV[@]}" cargo fetch --quiet --target wasm32-unknown-unknown >&2)
fi
