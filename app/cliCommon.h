#pragma once
// Helpers shared by the CLI subcommands.
#include "env/projectConfig.h"

#include <QString>
#include <QStringList>
#include <string>

namespace sy::cli {

/// Loads the app in `dir` (default: the bundled example). On failure prints
/// "switchyard: <message>" to stderr and returns false.
bool loadProject(const QString &dir, ProjectConfig &out);

/// The folder holding wrangler.jsonc at or above `file`, or empty.
QString projectDirFor(const QString &file);

/// Prints "switchyard <command>: <message>" to stderr; returns exit code 2.
int usageError(const char *command, const QString &message);

/// The bundled example app (examples/hello next to the sources).
QString defaultProjectDir();

int runGraph(const QStringList &args);
int runInspect(const QStringList &args);
int runServe(const QStringList &args);
int runTest(const QStringList &args);
int runJournal(const QStringList &args);

} // namespace sy::cli
