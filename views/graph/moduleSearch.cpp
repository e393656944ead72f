#include "views/graph/moduleSearch.h"

#include "graph/moduleGraphModel.h"

#include <QAbstractItemModel>
#include <algorithm>

namespace sy {

namespace {

int environmentOrder(const QString &environment)
{
    if (environment == QLatin1String("client"))
        return 0;
    if (environment == QLatin1String("ssr"))
        return 1;
    if (environment == QLatin1String("worker"))
        return 2;
    return 3;
}

bool isPartStart(const QString &s, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar before = s.at(i - 1);
    return before == QLatin1Char('/') || before == QLatin1Char('.') || before == QLatin1Char('-') ||
           before == QLatin1Char('_') || before == QLatin1Char(':') ||
           (before.isLower() && s.at(i).isUpper());
}

/// The pattern's characters in order in `candidate`: a score from runs and
/// part starts, -1 when they are not all there.
int subsequenceScore(const QString &pattern, const QString &candidate)
{
    const QString p = pattern.toLower(), c = candidate.toLower();
    qsizetype at = 0;
    int score = 0, run = 0;
    for (qsizetype i = 0; i < p.size(); ++i) {
        const qsizetype found = c.indexOf(p.at(i), at);
        if (found < 0)
            return -1;
        run = found == at && i > 0 ? run + 1 : 0;
        score += 1 + 2 * run + (isPartStart(candidate, found) ? 3 : 0);
        at = found + 1;
    }
    return score;
}

} // namespace

ModuleSearchQuery ModuleSearchQuery::parse(const QString &text)
{
    ModuleSearchQuery query;
    QString rest = text.trimmed();
    for (const char *environment : {"client", "ssr", "worker"}) {
        const QString prefix = QLatin1String(environment) + QLatin1Char(':');
        if (rest.startsWith(prefix, Qt::CaseInsensitive)) {
            query.environment = QLatin1String(environment);
            rest = rest.mid(prefix.size()).trimmed();
            break;
        }
    }
    query.pattern = rest;
    return query;
}

int moduleMatchScore(const QString &pattern, const QString &candidate)
{
    if (pattern.isEmpty())
        return 0;
    if (candidate.isEmpty())
        return -1;
    const QString name = candidate.section(QLatin1Char('/'), -1);
    if (candidate.compare(pattern, Qt::CaseInsensitive) == 0 ||
        name.compare(pattern, Qt::CaseInsensitive) == 0)
        return 10000;
    if (candidate.endsWith(pattern, Qt::CaseInsensitive))
        return 8000 + int(pattern.size());
    if (name.startsWith(pattern, Qt::CaseInsensitive))
        return 7000 + int(pattern.size());
    if (const qsizetype at = candidate.indexOf(pattern, 0, Qt::CaseInsensitive); at >= 0)
        return 5000 + int(pattern.size()) + (isPartStart(candidate, at) ? 100 : 0);
    // Fuzzy: in the file name alone beats across the path.
    if (const int inName = subsequenceScore(pattern, name); inName >= 0)
        return 2000 + inName;
    const int inPath = subsequenceScore(pattern, candidate);
    return inPath >= 0 ? 1000 + inPath : -1;
}

QVector<ModuleSearchMatch> searchModules(const QAbstractItemModel *model, const QString &text)
{
    QVector<ModuleSearchMatch> out;
    const ModuleSearchQuery query = ModuleSearchQuery::parse(text);
    if (!model || (query.pattern.isEmpty() && query.environment.isEmpty()))
        return out;
    for (int row = 0, n = model->rowCount(); row < n; ++row) {
        const QModelIndex index = model->index(row, 0);
        const QString environment = index.data(ModuleGraphModel::EnvironmentRole).toString();
        if (!query.environment.isEmpty() && environment != query.environment)
            continue;
        const QString id = index.data(ModuleGraphModel::IdRole).toString();
        // A framework module is found by the name people know it by too.
        const QString display = index.data(ModuleGraphModel::DisplayNameRole).toString();
        int score = moduleMatchScore(query.pattern, id);
        if (!display.isEmpty() && display != id)
            score = std::max(score, moduleMatchScore(query.pattern, display));
        if (score >= 0)
            out.push_back({environment, id, row, score});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ModuleSearchMatch &a, const ModuleSearchMatch &b) {
                         if (a.score != b.score)
                             return a.score > b.score;
                         if (a.id.size() != b.id.size())
                             return a.id.size() < b.id.size();
                         if (a.id != b.id)
                             return a.id < b.id;
                         return environmentOrder(a.environment) < environmentOrder(b.environment);
                     });
    return out;
}

} // namespace sy
