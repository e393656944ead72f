#pragma once
// Finding modules by name, as the dashboard's search fields do: an optional
// environment prefix ("worker:actions.ts", "client:"), then a fuzzy pattern
// matched against the module's id and its framework display name, ranked the
// way editors' "go to file" ranks (an exact name first, then a name ending
// with the pattern, a substring, then the pattern's characters in order with
// bonuses for runs and for starts of path parts). Over any model with
// ModuleGraphModel's roles; case-insensitive.
#include <QString>
#include <QVector>

class QAbstractItemModel;

namespace sy {

/// A search as typed: `environment` is set when the text starts with
/// "client:", "ssr:" or "worker:" (any case); `pattern` is the rest, trimmed.
struct ModuleSearchQuery {
    QString environment;
    QString pattern;
    static ModuleSearchQuery parse(const QString &text);
};

/// How well `pattern` matches `candidate` (higher is better), or -1 for no
/// match. Both are compared case-insensitively; an empty pattern matches
/// everything with score 0.
int moduleMatchScore(const QString &pattern, const QString &candidate);

/// One search result: the module (a row of the model) and its score.
struct ModuleSearchMatch {
    QString environment;
    QString id;
    int row = -1;
    int score = 0;
};

/// The modules of `model` matching `text` (ModuleSearchQuery syntax), best
/// first (ties: shorter id, then environment order client, ssr, worker);
/// an empty pattern without an environment matches nothing.
QVector<ModuleSearchMatch> searchModules(const QAbstractItemModel *model, const QString &text);

} // namespace sy
