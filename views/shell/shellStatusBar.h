#pragma once
// The main window's status bar: the server URL (a link: opens the app in the
// browser), each environment's browserHash, the generation and requests per
// second, and a link to what of vite.config the engine does not apply (a
// dialog lists it), all read from EngineStatus.
#include <QStatusBar>

class QLabel;

namespace sy {

class EngineStatus;

class ShellStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit ShellStatusBar(EngineStatus *status, QWidget *parent = nullptr);

    QLabel *urlLabel() const { return m_url; }
    QLabel *hashesLabel() const { return m_hashes; }
    QLabel *generationLabel() const { return m_generation; }
    QLabel *rateLabel() const { return m_rate; }
    QLabel *configWarningsLabel() const { return m_configWarnings; }
    /// The dialog the config warnings link opens (a QMessageBox listing
    /// EngineStatus::configWarnings()); not modal, one at a time.
    void showConfigWarnings();

signals:
    /// The URL was clicked (MainWindow opens it with QDesktopServices).
    void openUrlRequested(const QString &url);

private:
    void refresh();
    EngineStatus *m_status;
    QLabel *m_url;
    QLabel *m_hashes;
    QLabel *m_generation;
    QLabel *m_rate;
    QLabel *m_configWarnings;
};

} // namespace sy
