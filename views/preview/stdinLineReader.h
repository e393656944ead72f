#pragma once
// Reads standard input (file descriptor 0) line by line in the event loop,
// without blocking it: the preview process's command channel.
#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace sy {

class StdinLineReader : public QObject {
    Q_OBJECT
public:
    explicit StdinLineReader(QObject *parent = nullptr);

signals:
    /// One complete line, without its '\n'.
    void lineRead(const QByteArray &line);
    /// End of input (the other side closed the pipe) or a read error; a last
    /// line without '\n' is emitted first.
    void finished();

private:
    void readAvailable();
    QSocketNotifier *m_notifier;
    QByteArray m_buffer;
};

} // namespace sy
