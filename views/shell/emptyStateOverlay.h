#pragma once
// Empty states: a view with nothing to show says what will appear there and
// how to make it appear ("No app is open yet: File > Open App Folder…"),
// centred over the view, instead of a blank area. The dashboard installs one
// per view and tells it when to look again (a model or the engine status
// changed).
#include <QLabel>
#include <QPointer>
#include <functional>

class QAbstractItemModel;

namespace sy {

class EngineStatus;

class EmptyStateOverlay : public QLabel {
    Q_OBJECT
public:
    /// Shows over `view` (over its viewport when it is a scroll area) the
    /// text `message` returns; an empty text hides the overlay. The overlay
    /// is a child of the view and lets mouse events through.
    EmptyStateOverlay(QWidget *view, std::function<QString()> message);

    /// Looks again when `model` gains or loses rows or resets.
    void watch(const QAbstractItemModel *model);
    /// Looks again when the engine's status changes.
    void watch(const EngineStatus *status);

    /// What the dashboard's views say before and while an app loads, by the
    /// engine's state: no app open, starting, failed (with its message), or
    /// `ready` once it runs.
    static QString engineMessage(const EngineStatus *status, const QString &ready);

public slots:
    /// Asks `message` again and shows or hides the overlay.
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> m_host;
    std::function<QString()> m_message;
};

} // namespace sy
