#pragma once
// "What changed": when the engine journals an HMR update, an invalidation or
// a runner-cache clear, the modules it touched light up in the graph (a ring
// that fades over a few seconds; a module inside a collapsed package lights
// up its package). The modules are those the event's timeline item names
// (timelineItemFromEvent), resolved as the selection resolves them.
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

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

    /// Node keys lit up now.
    QStringList litKeys() const { return m_lit.keys(); }

private:
    void eventsInserted(int first, int last);
    void tick();

    QPointer<ModuleGraphView> m_view;
    QPointer<QAbstractItemModel> m_events;
    QPointer<QAbstractItemModel> m_modules;
    QHash<QString, qint64> m_lit; ///< node key -> ms (m_clock) when lit
    QElapsedTimer m_clock;
    QTimer m_timer;
};

} // namespace sy
