#include "journal/journalFeed.h"

#include <QMetaMethod>

namespace sy {

JournalFeed::JournalFeed(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<sy::JournalEvent>();
}

bool JournalFeed::hasReceivers() const
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&JournalFeed::eventRecorded);
    return isSignalConnected(signal);
}

} // namespace sy
