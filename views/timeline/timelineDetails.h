#pragma once
// The timeline's details pane: one item's summary and payload.
#include "timeline/timelineItem.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;

namespace sy {

/// Shows the selected timeline item: a header (kind, environment, generation,
/// local time, duration, event id), the summary, the modules involved (ids
/// as Vite shows them, relative to setProjectRoot()), and the payload as
/// indented JSON, as recorded (read-only, selectable). Empty text when no
/// item is shown.
class TimelineDetails : public QWidget {
    Q_OBJECT
public:
    explicit TimelineDetails(QWidget *parent = nullptr);

    /// Shows `item` (copied), or clears the pane for null.
    void setItem(const TimelineItem *item);
    void clear() { setItem(nullptr); }
    /// The app's root folder for module ids in the summary; empty: as they are.
    void setProjectRoot(const QString &root);

    /// What the pane shows, as plain text (for tests and copying).
    QString summaryText() const;
    QString jsonText() const;

private:
    void showItem();

    std::optional<TimelineItem> m_item;
    QString m_root;
    QLabel *m_summary;
    QPlainTextEdit *m_json;
};

} // namespace sy
