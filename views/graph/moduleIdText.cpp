#include "views/graph/moduleIdText.h"

#include <QHash>

namespace sy {

namespace {
const QString kBridgePrefix = QStringLiteral("virtual:switchyard:ssr:");

QString withoutQuery(const QString &id)
{
    const qsizetype q = id.indexOf(QLatin1Char('?'));
    return q > 0 ? id.left(q) : id;
}

/// Path parts of a file id; a virtual id or builtin is one part.
QStringList partsOf(const QString &id)
{
    const QString plain = withoutQuery(unbridgedId(id));
    if (!plain.startsWith(QLatin1Char('/'))) {
        if (plain.startsWith(QLatin1String("virtual:"))) {
            // By its name: the part after the last ':' or '/'.
            const qsizetype cut =
                std::max(plain.lastIndexOf(QLatin1Char('/')), plain.lastIndexOf(QLatin1Char(':')));
            return {plain.mid(cut + 1)};
        }
        return {plain}; // node:async_hooks, cloudflare:workers
    }
    return plain.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}
} // namespace

bool isBridgedId(const QString &id)
{
    return id.startsWith(kBridgePrefix);
}

QString unbridgedId(const QString &id)
{
    return isBridgedId(id) ? id.mid(kBridgePrefix.size()) : id;
}

QString moduleIdText(const QString &id, const QString &root)
{
    if (isBridgedId(id))
        return kBridgePrefix + moduleIdText(unbridgedId(id), root);
    if (id.startsWith(QLatin1String("folder:"))) // a folder group: the folder, as Vite shows it
        return moduleIdText(id.mid(int(qstrlen("folder:"))), root) + QLatin1Char('/');
    if (!id.startsWith(QLatin1Char('/')))
        return id;
    if (!root.isEmpty()) {
        const QString base = root.endsWith(QLatin1Char('/')) ? root.chopped(1) : root;
        if (id.startsWith(base) && id.size() > base.size() && id[base.size()] == QLatin1Char('/'))
            return id.mid(base.size());
        return QStringLiteral("/@fs") + id;
    }
    return id;
}

QString textWithRelativeIds(const QString &text, const QString &root)
{
    const QString base = root.endsWith(QLatin1Char('/')) ? root.chopped(1) : root;
    if (base.isEmpty())
        return text;
    const QString prefix = base + QLatin1Char('/');
    QString out;
    qsizetype from = 0;
    for (qsizetype at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
        // Only where a path starts: not inside a longer path ("/x/app/" for "/app").
        const QChar before = at > 0 ? text[at - 1] : QChar(QLatin1Char(' '));
        if (before.isLetterOrNumber() || before == QLatin1Char('/') || before == QLatin1Char('.') ||
            before == QLatin1Char('_') || before == QLatin1Char('-'))
            continue;
        out += QStringView(text).mid(from, at - from);
        from = at + base.size(); // keep the '/'
    }
    out += QStringView(text).mid(from);
    return out;
}

QString moduleBaseName(const QString &id)
{
    const QStringList parts = partsOf(id);
    return parts.isEmpty() ? id : parts.last();
}

QStringList distinctModuleLabels(const QStringList &ids)
{
    QVector<QStringList> parts;
    parts.reserve(ids.size());
    for (const QString &id : ids)
        parts.push_back(partsOf(id));
    auto suffix = [](const QStringList &p, qsizetype n) {
        return p.mid(std::max<qsizetype>(0, p.size() - n)).join(QLatin1Char('/'));
    };
    QStringList out;
    out.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QStringList &mine = parts[i];
        const QString core = withoutQuery(unbridgedId(ids[i]));
        qsizetype n = 1;
        for (; n < mine.size(); ++n) {
            const QString s = suffix(mine, n);
            bool unique = true;
            for (qsizetype j = 0; j < ids.size() && unique; ++j)
                if (withoutQuery(unbridgedId(ids[j])) != core && suffix(parts[j], n) == s)
                    unique = false;
            if (unique)
                break;
        }
        QString label = suffix(mine, n);
        if (isBridgedId(ids[i]))
            label.prepend(QStringLiteral("ssr:"));
        out << label;
    }
    return out;
}

} // namespace sy
