#pragma once
// `switchyard [APP] [options]` (no subcommand): the dashboard, in its own executable.

namespace sy::app {

/// Replaces this process with `switchyard-dashboard` from this executable's folder, passing
/// `argv` on (execv: the same process id, stdio and environment). Returns only when that
/// fails: prints "switchyard: cannot start the dashboard (<path>): <reason>" and returns 2.
int launchDashboard(int argc, char *argv[]);

} // namespace sy::app
