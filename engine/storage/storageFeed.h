#pragma once
// Tells the GUI when an isolate's storage changed, as a Qt signal.
#include <QObject>
#include <QTimer>

#include <memory>

namespace sy {

class IsolateStorage;

/// Watches one IsolateStorage and emits changed() (on this object's thread)
/// shortly after a write: it polls IsolateStorage::changeCount() every
/// `intervalMs` (an atomic read; nothing is added to the isolate's write
/// path). The storage inspector's models refresh on it.
class StorageFeed : public QObject {
    Q_OBJECT
public:
    explicit StorageFeed(QObject *parent = nullptr);
    /// Watches `storage` (null stops watching). Does not emit for the state
    /// it starts from.
    void setStorage(std::shared_ptr<IsolateStorage> storage);
    /// Poll interval in milliseconds (default 250).
    void setInterval(int intervalMs);
    /// Checks now; emits changed() if the storage changed since the last check.
    void poll();

signals:
    void changed();

private:
    std::shared_ptr<IsolateStorage> m_storage;
    quint64 m_seen = 0;
    QTimer m_timer;
};

} // namespace sy
