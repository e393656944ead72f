#pragma once
// The line protocol between the dashboard and `switchyard-preview` (the app
// preview runs in its own process: QtWebEngine must not share a process with
// the engine's libnode, docs/architecture.md). One compact JSON object per
// line, UTF-8, '\n'-terminated.
//
// preview -> dashboard (stdout), key "event":
//   {"event":"ready","winId":N,"platform":"xcb","pid":N}  native window made
//       (not shown yet when started with --control; see "show")
//   {"event":"loadStarted","url":U}
//   {"event":"loaded","url":U,"ok":B,"title":T}
//   {"event":"urlChanged","url":U}   {"event":"titleChanged","title":T}
//   {"event":"console","level":"info"|"warning"|"error","message":M,
//    "line":N,"source":S}
//   {"event":"result","id":N,"ok":true,"value":V}
//   {"event":"result","id":N,"ok":false,"error":E}
//   {"event":"rendererTerminated","status":"normal"|"abnormal"|"crashed"|
//    "killed","exitCode":N}
//   {"event":"error","message":M}    a command it could not take
// dashboard -> preview (stdin), key "cmd":
//   {"cmd":"show"}  {"cmd":"navigate","url":U}  {"cmd":"reload"}
//   {"cmd":"eval","id":N,"script":S}  {"cmd":"quit"}
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace sy::preview {

/// `message` as one protocol line: compact JSON plus '\n'.
QByteArray encodeLine(const QJsonObject &message);

/// Parses one line (a trailing "\r\n" or '\n' is ignored). Returns nullopt
/// and sets `*error` (when given) for anything but a JSON object carrying a
/// string member `key` ("event" or "cmd"), e.g. `not JSON: ...`.
std::optional<QJsonObject> decodeLine(const QByteArray &line, const QString &key,
                                      QString *error = nullptr);

} // namespace sy::preview
