#include "previewProtocol.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace sy::preview {

QByteArray encodeLine(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<QJsonObject> decodeLine(const QByteArray &line, const QString &key, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<QJsonObject> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QByteArray text = line.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("empty line"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON: %1 at offset %2")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!document.isObject())
        return fail(QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();
    if (!object.value(key).isString())
        return fail(QStringLiteral("no string \"%1\" member").arg(key));
    return object;
}

} // namespace sy::preview
