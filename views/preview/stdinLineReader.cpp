#include "stdinLineReader.h"

#include <QSocketNotifier>
#include <cerrno>
#include <unistd.h>
#include <utility>

namespace sy {

StdinLineReader::StdinLineReader(QObject *parent)
    : QObject(parent), m_notifier(new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this))
{
    connect(m_notifier, &QSocketNotifier::activated, this, &StdinLineReader::readAvailable);
}

void StdinLineReader::readAvailable()
{
    char chunk[65536];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        m_notifier->setEnabled(false);
        if (!m_buffer.isEmpty())
            emit lineRead(std::exchange(m_buffer, {}));
        emit finished();
        return;
    }
    m_buffer.append(chunk, n);
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        emit lineRead(line);
    }
}

} // namespace sy
