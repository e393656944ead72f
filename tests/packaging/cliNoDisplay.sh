#!/usr/bin/env bash
# e2e_cli_no_display: what the dashboard's command line does without a display
# (issue 12, section 5): --version and --help answer (they aborted in
# QApplication), --help lists the dashboard's options beside the subcommands,
# and an app's wrangler.jsonc given as the argument (the desktop entry's %f)
# opens that app's folder.
#   cliNoDisplay.sh SWITCHYARD EXAMPLE_DIR
set -euo pipefail
bin="$1"; example="$2"
tmp="$(mktemp -d /tmp/sy-cli-XXXXXX)"; trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
nodisplay() { env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@"; }

# --version / -v, alone and after dashboard options.
for args in "--version" "-v" "--port 5174 --version"; do
  # shellcheck disable=SC2086
  out="$(nodisplay "$bin" $args 2>"$tmp/err")" || fail "switchyard $args exited $? ($(cat "$tmp/err"))"
  [[ "$out" =~ ^switchyard\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "switchyard $args printed \"$out\""
done

# --help: the subcommands and the dashboard's options, on stdout, exit 0.
for args in "--help" "-h" "--no-watch --help"; do
  # shellcheck disable=SC2086
  nodisplay "$bin" $args >"$tmp/help" 2>"$tmp/err" || fail "switchyard $args exited $? ($(cat "$tmp/err"))"
  for want in "serve" "test" "graph" "inspect" "journal" "--screenshot" "--journal" "--port" \
              "--no-watch" "--version" "wrangler.jsonc"; do
    grep -q -- "$want" "$tmp/help" || fail "switchyard $args does not mention $want: $(cat "$tmp/help")"
  done
done
# A subcommand's --help stays its own.
nodisplay "$bin" serve --help >"$tmp/help" || fail "serve --help exited $?"
grep -q -- "--allowed-host" "$tmp/help" || fail "serve --help lost its options"

# An app's wrangler.jsonc opens that app: its folder is what the engine loads.
# The app here has a wrangler.jsonc whose main is missing, so loading fails
# naming that folder's file (the dashboard's --screenshot run exits 1 with the
# engine's message); an unrelated file is refused, naming it.
mkdir -p "$tmp/app"
printf '{ "name": "cli-open-test", "main": "src/absent-entry.ts", "compatibility_date": "2025-01-01" }\n' \
  >"$tmp/app/wrangler.jsonc"
set +e
QT_QPA_PLATFORM=offscreen timeout 120 "$bin" "$tmp/app/wrangler.jsonc" --screenshot "$tmp/shot.png" \
  >"$tmp/out" 2>"$tmp/err"
code=$?
set -e
[ "$code" = 1 ] || fail "switchyard APP/wrangler.jsonc exited $code: $(cat "$tmp/err")"
grep -q "absent-entry" "$tmp/err" || fail "switchyard APP/wrangler.jsonc did not load that app: $(cat "$tmp/err")"
touch "$tmp/app/notes.txt"
set +e
QT_QPA_PLATFORM=offscreen "$bin" "$tmp/app/notes.txt" >"$tmp/out" 2>"$tmp/err"
code=$?
set -e
[ "$code" = 2 ] || fail "switchyard APP/notes.txt exited $code"
grep -q "notes.txt is not an app's wrangler.jsonc" "$tmp/err" || fail "unclear refusal: $(cat "$tmp/err")"
echo "PASS: --version, --help and APP/wrangler.jsonc without a display"

# The command line loads no GUI library: the dashboard is an executable of its own
# (switchyard-dashboard, which `switchyard` execs for no subcommand).
if ldd "$bin" | grep -E 'libQt6(Widgets|Gui)|libX11|libxcb|libfontconfig' >"$tmp/gui"; then
  fail "switchyard links GUI libraries: $(cat "$tmp/gui")"
fi
[ -x "$(dirname "$bin")/switchyard-dashboard" ] || fail "no switchyard-dashboard next to $bin"
echo "PASS the CLI loads no GUI library; the dashboard is its own executable"
