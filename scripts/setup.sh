#!/usr/bin/env bash
# Switchyard setup: takes a fresh Debian 12 machine (root; apt + npm registry)
# to a built tree in ./build. Safe to re-run: every step is skipped when done.
#
#   ./scripts/setup.sh            # packages, libnode, npm tools/examples, build
#   SWITCHYARD_SKIP_APT=1 ...     # skip the apt step (packages already there)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SWITCHYARD_BUILD_DIR:-$root/build}"
cd "$root"
say() { printf '\n== %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages --------------------------------------------------
apt_packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n fonts-ipafont-gothic
  libqt6sql6-sqlite libqt6svg6 qt6-svg-dev libgl-dev libxkbcommon-dev qt6-webengine-dev
  libsqlite3-dev libboost-dev nlohmann-json3-dev libtomlplusplus-dev libgraphviz-dev
  libuv1-dev libc-ares2 libnghttp2-14 libbrotli1 libicu72 libssl3 openssl
  node-undici node-acorn node-cjs-module-lexer
  chromium
  xvfb xauth
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${SWITCHYARD_SKIP_APT:-0}" != 1 ] && [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- 2. libnode (V8 10.2 + node embedder API) ----------------------------
# Route A: plain `apt-get install libnode-dev` (works where no NodeSource
# nodejs conflicts). Route B: download the two .debs and unpack them into a
# private prefix inside the build tree. CMake (cmake/FindLibnode.cmake)
# refuses V8 headers whose version does not match the library.
libnode_prefix="$build/_libnode"
if [ -f /usr/include/node/v8-version.h ] && [ -e /usr/lib/x86_64-linux-gnu/libnode.so.108 ] \
   && dpkg-query -W -f='${Status}' libnode-dev 2>/dev/null | grep -q "install ok installed"; then
  libnode_root=/usr
elif [ -e "$libnode_prefix/usr/include/node/v8-version.h" ]; then
  libnode_root="$libnode_prefix/usr"
else
  say "libnode: trying apt-get install libnode-dev"
  if DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libnode-dev >/dev/null 2>&1; then
    libnode_root=/usr
  else
    say "libnode: apt route conflicts (NodeSource nodejs); unpacking .debs into $libnode_prefix"
    mkdir -p "$libnode_prefix/debs"
    (cd "$libnode_prefix/debs" && apt-get download libnode108 libnode-dev)
    for d in "$libnode_prefix"/debs/*.deb; do dpkg -x "$d" "$libnode_prefix"; done
    libnode_root="$libnode_prefix/usr"
  fi
fi
echo "libnode at $libnode_root"

# --- 3. npm: the engine's JS tools and each example's packages ------------
npm_ci() { # dir
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ] \
     || [ "$dir/package.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm: $dir"
    if [ -f "$dir/package-lock.json" ]; then (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    else (cd "$dir" && npm install --no-audit --no-fund --loglevel=error); fi
  fi
}
npm_ci "$root/tools/js"
for ex in "$root"/examples/*/; do [ -f "$ex/package.json" ] && npm_ci "${ex%/}"; done
# Tailwind through PostCSS for the CSS tests (examples/realworld uses @tailwindcss/vite).
npm_ci "$root/tests/fixtures/tailwind-postcss"
npm_ci "$root/tests/fixtures/workers-vitest-pages" # wrangler, for buildPagesASSETSBinding
# The real Workers Vitest pool (@cloudflare/vitest-pool-workers + vitest, workerd):
# e2e_workers_apis runs the same test files under it and under `switchyard test`
# (both runners must agree), bench/testRuns measures it side by side.
npm_ci "$root/bench/testRuns/peer"
# Its older generation (pool 0.8 on Vitest 3.2) for tests/fixtures/workers-vitest/classic
# (e2e_real_pool_agreement).
npm_ci "$root/bench/testRuns/peer-classic"
# examples/starter's packages with the oldest rwsdk the engine is tested with.
# `npm install` (it follows the lockfile): npm 11's `npm ci` rejects this lock
# ("Missing: @ast-grep/napi-darwin-arm64@ from lock file", rwsdk 1.2.9's
# optional platform packages).
fixture="$root/tests/fixtures/rwsdk-1.2"
if [ ! -d "$fixture/node_modules" ] || [ "$fixture/package-lock.json" -nt "$fixture/node_modules/.package-lock.json" ]; then
  say "npm: $fixture"
  (cd "$fixture" && npm install --no-audit --no-fund --loglevel=error)
fi

# --- 4. configure and build ----------------------------------------------
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# Release at -O2 without debug info by default: with full debug info every
# one of the ~85 test executables carries its own ~230 MB copy of the engine's
# DWARF (7 GB for the tree, which filled CI's disk); without it the tree is
# ~2 GB and links faster. SWITCHYARD_BUILD_TYPE=RelWithDebInfo (or Debug) for
# a debugger; it applies when build/ is configured for the first time.
build_type="${SWITCHYARD_BUILD_TYPE:-Release}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  say "cmake: configure $build ($build_type)"
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type" \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DLIBNODE_ROOT="$libnode_root" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
say "cmake: build"
cmake --build "$build" --parallel "$(nproc)"
say "done: run the tests with  ctest --test-dir build --output-on-failure"
