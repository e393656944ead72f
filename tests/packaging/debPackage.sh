#!/usr/bin/env bash
# e2e_deb_package: the .deb installs where JavaScript developers are (issue 12,
# section 5). Builds the package with CPack, then checks:
#   1. dpkg: it declares no dependency on nodejs, libnode or Debian's node-*
#      packages, and recommends Qt's translations;
#   2. it ships libnode privately: /usr/lib/switchyard/libnode.so.108 and its JS
#      builtins, found through the binary's RUNPATH ($ORIGIN/../lib/switchyard);
#   3. the README's install line, `apt-get install ./switchyard_<v>_amd64.deb`,
#      resolves (apt-get -s) on a Debian 12 holding only its required packages
#      and NodeSource-style nodejs 20 (a dpkg status file made here: this
#      machine's required/essential packages and their dependencies, without
#      any nodejs/libnode/node-* stanza, plus a NodeSource nodejs stanza), from
#      this machine's Debian 12 apt lists;
#   4. installed (the package's /usr laid over this machine's with overlayfs in
#      a private mount namespace, Debian's /usr/share/nodejs and libnode hidden):
#      --version and --help answer without a display, and `switchyard test`
#      run by an unprivileged user with no app folder copies the bundled
#      example to the user's data folder, says where, and passes its Vitest
#      files (D1 migrations applied).
# Needs root (overlay mounts) and apt lists; exits 77 (skipped) without them.
#   debPackage.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"; src="$(cd "$2" && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (overlay mount in a mount namespace)"; exit 77; }
ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 \
  || { echo "SKIP: no apt lists (run apt-get update)"; exit 77; }
tmp="$(mktemp -d /tmp/sy-deb-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
SECONDS=0

# --- build the package ------------------------------------------------------
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1 \
  || { cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
deb="$(ls "$tmp"/out/switchyard_*_amd64.deb)"
echo "built $(basename "$deb"): $(du -m "$deb" | cut -f1) MB, installed $(dpkg-deb -f "$deb" Installed-Size) KB (${SECONDS}s)"

# --- 1. control fields ------------------------------------------------------
for field in Depends Pre-Depends; do
  for dep in $(dpkg-deb -f "$deb" "$field" | tr ',|' '\n\n' | sed 's/(.*//; s/:.*//; s/ //g'); do
    case "$dep" in
      nodejs|libnode*|node-*) fail "$field names $dep: $(dpkg-deb -f "$deb" "$field")" ;;
    esac
  done
done
dpkg-deb -f "$deb" Recommends | tr ',' '\n' | grep -qx ' *qt6-translations-l10n' \
  || fail "Recommends lacks qt6-translations-l10n: $(dpkg-deb -f "$deb" Recommends)"

# --- 2. the private libnode ---------------------------------------------------
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
for f in lib/switchyard/libnode.so.108 lib/switchyard/nodejs/cjs-lexer.js \
         lib/switchyard/nodejs/cjs-lexer-dist.js lib/switchyard/nodejs/undici.js \
         lib/switchyard/nodejs/acorn.js lib/switchyard/nodejs/acorn-walk.js; do
  [ -s "$root/usr/$f" ] || fail "the package lacks /usr/$f"
done
for exe in switchyard switchyard-dashboard; do
  [ -x "$root/usr/bin/$exe" ] || fail "the .deb has no /usr/bin/$exe"
  readelf -d "$root/usr/bin/$exe" | grep -q 'RUNPATH.*\[\$ORIGIN/../lib/switchyard\]' \
    || fail "$exe's RUNPATH is not \$ORIGIN/../lib/switchyard: $(readelf -d "$root/usr/bin/$exe" | grep -E 'R(UN)?PATH')"
done
ldd "$root/usr/bin/switchyard" >"$tmp/ldd"
grep -q "libnode.so.108 => $root/usr/bin/../lib/switchyard/libnode.so.108" "$tmp/ldd" \
  || fail "libnode is not found through the RUNPATH: $(grep libnode "$tmp/ldd")"
! grep -q "not found" "$tmp/ldd" || fail "unresolved libraries: $(grep 'not found' "$tmp/ldd")"

# --- 3. apt-get install on Debian 12 + NodeSource nodejs 20 (simulated) -------
required="$(dpkg-query -W -f='${Package} ${Priority} ${Essential} ${db:Status-Abbrev}\n' \
  | awk '$4 ~ /^ii/ && ($2 == "required" || $3 == "yes") { print $1 }')"
apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances $required 2>/dev/null \
  | grep -v '^ ' | sed 's/:amd64$//' | sort -u >"$tmp/base.txt"
awk -v list="$tmp/base.txt" 'BEGIN { while ((getline l < list) > 0) keep[l] = 1; RS = ""; ORS = "\n\n" }
  { split($0, a, "\n"); sub(/^Package: /, "", a[1])
    if ((a[1] in keep) && a[1] !~ /^(nodejs|libnode.*|node-.*|switchyard)$/ &&
        /\nStatus: install ok installed/) print }' /var/lib/dpkg/status >"$tmp/status"
# NodeSource's nodejs 20 package (its control fields; Depends cut to libc6).
cat >>"$tmp/status" <<'STANZA'
Package: nodejs
Status: install ok installed
Priority: optional
Section: web
Maintainer: NodeSource Support <support@nodesource.com>
Architecture: amd64
Multi-Arch: allowed
Version: 20.20.2-1nodesource1
Replaces: nodejs-dev (<= 0.8.22), nodejs-legacy, npm (<= 1.2.14)
Provides: nodejs-dev, nodejs-doc, nodejs-legacy, npm
Depends: libc6 (>= 2.28)
Conflicts: nodejs-dev, nodejs-doc, nodejs-legacy, npm
Description: Node.js event-based server-side javascript engine

STANZA
(cd "$(dirname "$deb")" && apt-get -s -o Dir::State::status="$tmp/status" \
   install "./$(basename "$deb")") >"$tmp/apt.log" 2>&1 \
  || { tail -20 "$tmp/apt.log"; fail "apt-get install ./$(basename "$deb") does not resolve beside NodeSource's nodejs 20"; }
grep -q '^Inst switchyard ' "$tmp/apt.log" || fail "apt-get -s does not install switchyard: $(tail -5 "$tmp/apt.log")"
! grep -E '^(Inst|Remv) (nodejs|libnode|node-)' "$tmp/apt.log" \
  || fail "apt-get would install or remove a nodejs package"
echo "apt-get -s: switchyard and $(grep -c '^Inst ' "$tmp/apt.log") packages from a $(grep -c '^Package:' "$tmp/status")-package Debian 12 with NodeSource nodejs 20 (${SECONDS}s)"

# --- 4. installed: run it -------------------------------------------------------
mkdir -p "$tmp/work" "$tmp/home"
chmod 777 "$tmp/home"
tests_expected="$(find "$src/examples/hello/tests" -name '*.test.ts' | wc -l)"
cat >"$tmp/installed.sh" <<SCRIPT
set -euo pipefail
mount -t overlay overlay -o lowerdir=/usr,upperdir=$root/usr,workdir=$tmp/work /usr
[ -d /usr/share/nodejs ] && mount -t tmpfs tmpfs /usr/share/nodejs
for lib in /usr/lib/x86_64-linux-gnu/libnode.so.108*; do
  [ -e "\$lib" ] && mount --bind /dev/null "\$lib"
done
cd "$tmp"
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM /usr/bin/switchyard --version >"$tmp/version"
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM /usr/bin/switchyard --help >"$tmp/help"
setpriv --reuid=65534 --regid=65534 --clear-groups \
  env -u DISPLAY -u XDG_DATA_HOME HOME="$tmp/home" /usr/bin/switchyard test \
  >"$tmp/test.out" 2>"$tmp/test.err"
SCRIPT
unshare -m --propagation private bash "$tmp/installed.sh" \
  || { cat "$tmp/test.out" "$tmp/test.err" 2>/dev/null | tail -30; fail "the installed switchyard failed"; }
grep -qx "switchyard [0-9.]*" "$tmp/version" || fail "--version printed $(cat "$tmp/version")"
grep -q -- "--screenshot" "$tmp/help" || fail "--help lacks the dashboard's options"
copy="$tmp/home/.local/share/Switchyard/switchyard/examples/hello"
grep -q "copied from /usr/share/switchyard/examples/hello to $copy" "$tmp/test.err" \
  || fail "switchyard test did not say where the example was copied: $(cat "$tmp/test.err")"
grep -q "Test Files  $tests_expected passed ($tests_expected)" "$tmp/test.out" \
  || { cat "$tmp/test.out" "$tmp/test.err"; fail "the packaged example's $tests_expected test files did not all pass"; }
echo "PASS: installed beside NodeSource nodejs 20, ran the example's $tests_expected test files (${SECONDS}s)"
