#pragma once
// The dashboard's command line (`switchyard [APP] [options]`): its options, the
// app argument (a folder or its wrangler file, as the desktop entry's %f passes
// it), and --help / --version answered without a display.
#include <QString>

class QCommandLineParser;

namespace sy::app {

/// Adds the dashboard's positional argument and options (--screenshot,
/// --journal, --port, --no-watch, --help, --version) to `parser`.
void addDashboardOptions(QCommandLineParser &parser);

/// The app folder an APP argument names: a folder as given, or the folder of a
/// wrangler.jsonc / wrangler.json / wrangler.toml / vite.config.* file (the
/// engine reads the folder's wrangler.jsonc or wrangler.json, as wrangler and
/// the Cloudflare Vite plugin do). Returns an absolute path, or an empty string
/// with `error` set ("<path>: no such file or folder", "<path> is not an app's
/// wrangler.jsonc, wrangler.json or vite.config").
QString appDirFromArgument(const QString &argument, QString *error);

/// True when `argv` (after argv[0], up to a "--") asks the dashboard for
/// --help / -h / --help-all or --version / -v: answered by printDashboardInfo
/// with a QCoreApplication, since a QApplication aborts without a display.
bool wantsDashboardInfo(int argc, char *argv[]);

/// Prints `usage` (the subcommands) and the dashboard's options for --help, or
/// "switchyard <version>" for --version, to stdout. Needs a QCoreApplication.
/// Returns the exit code (0).
int printDashboardInfo(const char *usage);

} // namespace sy::app
