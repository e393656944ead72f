#include "core/hash.h"

#include <QCryptographicHash>

namespace sy {

std::string sha256Hex(std::string_view data)
{
    const QByteArray digest = QCryptographicHash::hash(
        QByteArrayView(data.data(), qsizetype(data.size())), QCryptographicHash::Sha256);
    return digest.toHex().toStdString();
}

std::string shortHash(std::string_view data)
{
    return sha256Hex(data).substr(0, 8);
}

} // namespace sy
