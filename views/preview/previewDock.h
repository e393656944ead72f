#pragma once
// The dashboard's "Preview" dock: a PreviewPane on the engine's server URL
// (read from EngineStatus, like the status bar). The preview process starts
// the first time the dock is shown with a URL known, follows the URL when
// another app is opened, and stops when the dock is closed (View menu or its
// close button) or destroyed with the window; showing the dock again starts
// it again. Switching to another dock tab, floating or docking it again
// leave it running (page state kept).
#include <QDockWidget>

namespace sy {

class EngineStatus;
class PreviewPane;

class PreviewDock : public QDockWidget {
    Q_OBJECT
public:
    /// `status` is not owned and must outlive the dock.
    explicit PreviewDock(EngineStatus *status, QWidget *parent = nullptr);

    PreviewPane *pane() const { return m_pane; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void statusChanged();
    EngineStatus *m_status;
    PreviewPane *m_pane;
};

} // namespace sy
