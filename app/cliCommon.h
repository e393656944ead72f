#pragma once
// Helpers shared by the CLI subcommands.
#include "env/projectConfig.h"

#include <QString>
#include <QStringList>
#include <string>

namespace sy::cli {

/// Loads the app in `dir` (default: the bundled example) for Vite's `mode`.
/// On failure prints "switchyard: <message>" to stderr and returns false; on
/// success prints each of vite.config's warnings (ViteConfig::warnings) as
/// "switchyard: warning: <text>" to stderr.
bool loadProject(const QString &dir, ProjectConfig &out, const std::string &mode = "development");
/// The same with all of loadProjectConfig's options (--env, a test run's
/// optional `main`); also prints ProjectConfig::warnings (what of the
/// wrangler config Switchyard does not model) once.
bool loadProject(const QString &dir, ProjectConfig &out, const ProjectLoadOptions &options);

/// The folder holding a wrangler config (wrangler.json, .jsonc, .toml) at or
/// above `file`, or empty.
QString projectDirFor(const QString &file);

/// True if `path` is a folder holding wrangler.json, wrangler.jsonc, wrangler.toml or a
/// vite.config.* (whose cloudflare()/redwood() configPath may name the wrangler file).
bool isAppDir(const QString &path);

/// The rule every command that takes an app folder applies: an existing folder
/// that is not an app is a usage error. Returns 0 when `dir` is empty, missing
/// (loadProject reports that) or an app; else prints "switchyard <command>:
/// <dir> is not an app folder (expected wrangler.jsonc, wrangler.json or wrangler.toml in it)"
/// and returns 2.
int refuseNonAppDir(const char *command, const QString &dir);

/// Ends the process at once with `code`, the way a compiler ends: stdio flushed and Node's
/// built-ins' code cache persisted (nodeBuiltinCodeCache::persist), but no destructors and no
/// exit handlers, so isolates still up, pooled test hosts and the engine's other threads are
/// not torn down one by one (~30 ms of a 10-file `switchyard test`). Call it only when nothing
/// is left to write: reports, caches (written as they are made) and user-visible teardown
/// (Vitest's globalSetup) done.
[[noreturn]] void exitNow(int code);

/// Prints "switchyard <command>: <message>" to stderr; returns exit code 2.
int usageError(const char *command, const QString &message);

/// The bundled example app (examples/hello next to the sources).
QString defaultProjectDir();

/// Says on stderr which folder runs when no app folder was given: "switchyard:
/// no app folder given: the bundled example, copied from <installed> to
/// <path> (edit it there)" when it runs from its writable copy, else "...: the
/// bundled example in <path>". serve, test, graph and the dashboard say it.
void sayBundledExample(const QString &path);

int runGraph(const QStringList &args);
int runInspect(const QStringList &args);
int runServe(const QStringList &args);
int runTest(const QStringList &args);
int runJournal(const QStringList &args);

} // namespace sy::cli
