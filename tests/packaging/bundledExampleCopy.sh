#!/usr/bin/env bash
# e2e_bundled_example_copy: `switchyard serve` and the dashboard with no app
# folder, installed (issue 12, section 5: "`serve` says where"). The real
# binary is laid out as installed, <prefix>/bin/switchyard beside a read-only
# <prefix>/share/switchyard/examples/hello (this tree's examples/hello, its
# node_modules a symlink), and run by a user who cannot write there (root
# runs it as nobody; anyone else gets the example read-only). Checks:
#   1. serve prints "the bundled example, copied from <installed> to <copy>
#      (edit it there)" naming both folders, <copy> being the user's data
#      folder; <copy> holds every file of the example (byte for byte) and
#      its node_modules links to the installed one; serve answers GET / from it;
#   2. run again, serve says so again and keeps an edit made in <copy>;
#   3. the dashboard (--screenshot, offscreen) says the same and opens <copy>.
#   bundledExampleCopy.sh SWITCHYARD EXAMPLE_DIR
set -euo pipefail
bin="$(readlink -f "$1")"; example="$(cd "$2" && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Under the build tree's file system, so the binary can be hard-linked.
tmp="$(mktemp -d "$(dirname "$bin")/sy-example-XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM -- "-$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
  chmod -R u+w "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"

# --- an installed layout ------------------------------------------------------
prefix="$tmp/prefix"
installed="$prefix/share/switchyard/examples/hello"
mkdir -p "$prefix/bin" "$installed"
for exe in switchyard switchyard-dashboard; do # the dashboard: what `switchyard` execs
  ln "$(dirname "$bin")/$exe" "$prefix/bin/$exe" 2>/dev/null || cp "$(dirname "$bin")/$exe" "$prefix/bin/$exe"
done
tar -C "$example" --exclude=./node_modules --exclude=./.switchyard -cf - . | tar -C "$installed" -xf -
ln -s "$example/node_modules" "$installed/node_modules"
home="$tmp/home"
mkdir -p "$home"
chmod -R a+rX "$tmp"
chmod 777 "$home"
copy="$home/.local/share/Switchyard/switchyard/examples/hello"
if [ "$(id -u)" = 0 ]; then
  # root may write anywhere: the example is read-only to nobody.
  user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
  chmod -R a-w "$installed"
  user=()
fi
run=("${user[@]}" env -u DISPLAY -u WAYLAND_DISPLAY -u XDG_DATA_HOME -u XDG_CONFIG_HOME
     -u XDG_CACHE_HOME -u SWITCHYARD_TOOLS_JS_DIR HOME="$home" QT_QPA_PLATFORM=offscreen
     "$prefix/bin/switchyard")
said="switchyard: no app folder given: the bundled example, copied from $installed to $copy (edit it there)"

# Starts serve in the background, in a process group of its own (setsid:
# not a group leader here, so it execs in place and $! is serve); waits for
# its URL (or its exit).
start_serve() {
  local out="$1" err="$2"
  (cd "$tmp" && exec setsid "${run[@]}" serve --port 0 --no-watch >"$out" 2>"$err") &
  server=$!
  for _ in $(seq 1 1200); do
    grep -q "http://" "$out" 2>/dev/null && return 0
    kill -0 "$server" 2>/dev/null || { wait "$server" || true; server=""; fail "serve exited: $(cat "$err")"; }
    sleep 0.1
  done
  fail "serve printed no URL in 120 s: $(cat "$err")"
}
stop_serve() {
  # The process group setsid made: serve and nothing else.
  kill -TERM -- "-$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

# --- 1. the first run copies and says where -----------------------------------
start_serve "$tmp/serve1.out" "$tmp/serve1.err"
grep -qxF "$said" "$tmp/serve1.err" || fail "serve did not say where the example was copied; it said: $(cat "$tmp/serve1.err")"
[ -d "$copy" ] || fail "no copy at $copy"
[ -L "$copy/node_modules" ] || fail "$copy/node_modules is not a symlink"
[ "$(readlink -f "$copy/node_modules")" = "$(readlink -f "$example/node_modules")" ] \
  || fail "$copy/node_modules links to $(readlink -f "$copy/node_modules")"
files=0
while IFS= read -r -d '' f; do
  cmp -s "$installed/$f" "$copy/$f" || fail "the copy lacks or differs in $f"
  files=$((files + 1))
done < <(cd "$installed" && find . -path ./node_modules -prune -o -type f -print0)
[ "$files" -ge 10 ] || fail "the example has only $files files"
for f in wrangler.jsonc src/worker.tsx migrations tests; do
  [ -e "$copy/$f" ] || fail "the copy lacks $f"
done
url="$(grep -o 'http://[^ ]*' "$tmp/serve1.out" | head -1)"
page="$(curl -sf --max-time 60 "${url%/}/")" || fail "GET / from serve failed: $(cat "$tmp/serve1.err")"
[[ "$page" == *"<html"* ]] || fail "GET / gave no HTML: ${page:0:300}"
stop_serve

# --- 2. again: the copy is kept, edits included ---------------------------------
echo "// edited by the user" >>"$copy/src/worker.tsx"
start_serve "$tmp/serve2.out" "$tmp/serve2.err"
grep -qxF "$said" "$tmp/serve2.err" || fail "the second serve said: $(cat "$tmp/serve2.err")"
tail -1 "$copy/src/worker.tsx" | grep -qx "// edited by the user" || fail "the second run overwrote an edit in the copy"
stop_serve

# --- 3. the dashboard says the same ---------------------------------------------
set +e
(cd "$tmp" && timeout 300 "${run[@]}" --port 0 --no-watch --screenshot "$home/shot.png") \
  >"$tmp/gui.out" 2>"$tmp/gui.err"
code=$?
set -e
[ "$code" = 0 ] || fail "the dashboard exited $code: $(cat "$tmp/gui.err")"
grep -qxF "$said" "$tmp/gui.err" || fail "the dashboard did not say where the example was copied: $(cat "$tmp/gui.err")"
[ -s "$home/shot.png" ] || fail "the dashboard wrote no screenshot"
echo "PASS: serve and the dashboard copied the bundled example ($files files) to the user's data folder and said so"
