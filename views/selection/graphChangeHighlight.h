#pragma once
// "What changed": when the engine journals an optimizer run, an HMR update,
// an invalidation or a runner-cache clear, the modules it touched light up
// in the graph (a ring that fades over a few seconds; a module inside a
// collapsed package lights up its package). The modules are those the
// event's timeline item names (timelineItemFromEvent: for an optimizer run,
// the pre-bundles it wrote), resolved as the selection resolves them, so the
// ring and the selection a click on the timeline item makes agree. A module
// that enters the graph shortly after its event (a new pre-bundle is
// imported only once the run committed) lights up when it arrives.
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QVector>

class QAbstractItemModel;

namespace sy {

class ModuleGraphView;

/// Watches `events` (a JournalModel) and lights up in `view` what each new
/// event touched; `modules` (ModuleGraphModel) resolves the event's names.
class GraphChangeHighlight : public QObject {
    Q_OBJECT
public:
    GraphChangeHighlight(ModuleGraphView *view, QAbstractItemModel *events,
                         QAbstractItemModel *modules, QObject *parent = nullptr);

    /// How long a highlight takes to fade (ms).
    static constexpr int kFadeMs = 4000;
    /// How long names of an event that are not in the graph yet are waited
    /// for (ms).
    static constexpr int kPendingMs = 10000;

    /// Node keys lit up now.
    QStringList litKeys() const { return m_lit.keys(); }

private:
    struct Pending {
        QStringList names;
        QString environment;
        qint64 since = 0; ///< m_clock ms
    };
    void eventsInserted(int first, int last);
    void modulesInserted();
    /// Lights what `names` resolve to; returns the names that resolved to nothing.
    QStringList light(const QStringList &names, const QString &environment);
    void tick();

    QPointer<ModuleGraphView> m_view;
    QPointer<QAbstractItemModel> m_events;
    QPointer<QAbstractItemModel> m_modules;
    QHash<QString, qint64> m_lit; ///< node key -> ms (m_clock) when lit
    QVector<Pending> m_pending;
    QElapsedTimer m_clock;
    QTimer m_timer;
    QTimer m_arrived; ///< modules were inserted: look for pending names
};

} // namespace sy
