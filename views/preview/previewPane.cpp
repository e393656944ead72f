#include "previewPane.h"

#include "previewProcess.h"

#include <QAction>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWindow>

namespace sy {

PreviewPane::PreviewPane(QWidget *parent)
    : QWidget(parent), m_process(new PreviewProcess(this)), m_pageLabel(new QLabel(this)),
      m_stack(new QStackedWidget(this)), m_messagePage(new QWidget(m_stack)),
      m_message(new QLabel(m_messagePage)),
      m_restartButton(new QPushButton(tr("Restart Preview"), m_messagePage)),
      m_embedPage(new QWidget(m_stack)), m_embedLayout(new QVBoxLayout(m_embedPage))
{
    setObjectName(QStringLiteral("previewPane"));
    auto *toolbar = new QToolBar(this);
    m_reload = toolbar->addAction(tr("Reload"), this, &PreviewPane::reload);
    m_reload->setObjectName(QStringLiteral("actionPreviewReload"));
    m_reload->setShortcut(QKeySequence::Refresh);
    m_reload->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openInBrowser = toolbar->addAction(tr("Open in Browser"), this, &PreviewPane::openInBrowser);
    m_openInBrowser->setObjectName(QStringLiteral("actionPreviewOpenInBrowser"));
    m_restart = toolbar->addAction(tr("Restart"), this, &PreviewPane::restart);
    m_restart->setObjectName(QStringLiteral("actionPreviewRestart"));
    m_restart->setToolTip(tr("Restart the preview process"));
    m_consoleToggle = toolbar->addAction(QString());
    m_consoleToggle->setObjectName(QStringLiteral("actionPreviewConsole"));
    m_consoleToggle->setCheckable(true);
    m_consoleToggle->setToolTip(tr("The page's console messages"));
    toolbar->addWidget(m_pageLabel);
    m_pageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pageLabel->setContentsMargins(8, 0, 8, 0);

    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *messageLayout = new QVBoxLayout(m_messagePage);
    messageLayout->addStretch();
    messageLayout->addWidget(m_message);
    messageLayout->addWidget(m_restartButton, 0, Qt::AlignHCenter);
    messageLayout->addStretch();
    connect(m_restartButton, &QPushButton::clicked, this, &PreviewPane::restart);
    m_embedLayout->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(m_messagePage);
    m_stack->addWidget(m_embedPage);

    m_console = new QPlainTextEdit(this);
    m_console->setObjectName(QStringLiteral("previewConsole"));
    m_console->setReadOnly(true);
    m_console->setMaximumBlockCount(500);
    m_console->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_console->hide();
    connect(m_consoleToggle, &QAction::toggled, m_console, &QWidget::setVisible);
    updateConsoleAction();
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_console);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);

    connect(m_process, &PreviewProcess::ready, this,
            [this](WId id, const QString &platform) { processReady(quintptr(id), platform); });
    connect(m_process, &PreviewProcess::stateChanged, this, [this](PreviewProcess::State state) {
        if (state != PreviewProcess::State::Running)
            releaseContainer();
        if (state == PreviewProcess::State::Starting ||
            state == PreviewProcess::State::NotRunning) {
            m_separateWindowPlatform.clear();
            m_loadNote.clear();
        }
        if (state == PreviewProcess::State::Running)
            m_crashNote.clear();
        refresh();
    });
    connect(m_process, &PreviewProcess::crashed, this, [this](const QString &reason) {
        m_crashNote = reason;
        refresh();
    });
    connect(m_process, &PreviewProcess::loaded, this,
            [this](const QUrl &url, bool ok, const QString &) {
                m_loadNote =
                    ok ? tr("Loaded.") : tr("The page did not load (%1).").arg(url.toString());
                refresh();
            });
    connect(m_process, &PreviewProcess::loadStarted, this, [this] {
        m_loadNote = tr("Loading…");
        refresh();
    });
    connect(m_process, &PreviewProcess::titleChanged, this, &PreviewPane::refresh);
    connect(m_process, &PreviewProcess::consoleMessage, this, &PreviewPane::addConsoleMessage);
    connect(m_process, &PreviewProcess::rendererTerminated, this,
            [this](const QString &status, int exitCode) {
                addConsoleMessage(QStringLiteral("error"),
                                  tr("The page's renderer process ended (%1, exit code %2); "
                                     "Reload brings it back.")
                                      .arg(status)
                                      .arg(exitCode),
                                  0, QString());
                m_loadNote = tr("The page's renderer process ended (%1).").arg(status);
                refresh();
            });
    connect(m_process, &PreviewProcess::protocolError, this, [this](const QString &message) {
        addConsoleMessage(QStringLiteral("warning"), tr("switchyard-preview: %1").arg(message), 0,
                          QString());
    });
    connect(m_process, &PreviewProcess::urlChanged, this, &PreviewPane::refresh);
    refresh();
}

PreviewPane::~PreviewPane()
{
    // The embedded window belongs to the preview process: let it close it
    // before the container (and our native window with its children) goes.
    m_process->blockSignals(true);
    m_process->stopAndWait();
    releaseContainer();
}

bool PreviewPane::canEmbed(const QString &platform)
{
    return platform == QLatin1String("xcb") &&
           QGuiApplication::platformName() == QLatin1String("xcb");
}

void PreviewPane::setUrl(const QUrl &url)
{
    if (url == m_url)
        return; // EngineStatus changes every second (requests/s): no reload for that
    m_url = url;
    if (m_active && url.isValid())
        m_process->start(url);
    refresh();
}

void PreviewPane::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    if (active && m_url.isValid())
        m_process->start(m_url);
    else if (!active)
        m_process->stop();
    refresh();
}

void PreviewPane::reload()
{
    m_process->reload();
}

void PreviewPane::openInBrowser()
{
    const QUrl page = m_process->pageUrl();
    const QUrl target = page.isValid() && !page.isEmpty() ? page : m_url;
    if (target.isValid() && !target.isEmpty())
        QDesktopServices::openUrl(target);
}

void PreviewPane::restart()
{
    if (!m_url.isValid())
        return;
    m_active = true;
    m_crashNote.clear();
    const PreviewProcess::State state = m_process->state();
    if (state == PreviewProcess::State::NotRunning || state == PreviewProcess::State::Crashed)
        m_process->start(m_url);
    else
        m_process->restart();
}

void PreviewPane::processReady(quintptr windowId, const QString &platform)
{
    releaseContainer();
    if (windowId && canEmbed(platform)) {
        if (QWindow *foreign = QWindow::fromWinId(WId(windowId))) {
            m_foreignWindow = foreign;
            m_container = QWidget::createWindowContainer(foreign, m_embedPage);
            m_container->setObjectName(QStringLiteral("previewContainer"));
            m_container->setFocusPolicy(Qt::StrongFocus);
            m_embedLayout->addWidget(m_container);
            m_stack->setCurrentWidget(m_embedPage);
            m_separateWindowPlatform.clear();
            emit embeddedChanged(true);
        }
    }
    if (!m_container)
        m_separateWindowPlatform = platform;
    // Mapped only now: embedded, it never appears as a top-level window.
    m_process->show();
    refresh();
}

void PreviewPane::releaseContainer()
{
    if (!m_container)
        return;
    QWidget *container = std::exchange(m_container, nullptr);
    m_foreignWindow = nullptr; // owned by the container
    m_embedLayout->removeWidget(container);
    delete container;
    emit embeddedChanged(false);
}

void PreviewPane::addConsoleMessage(const QString &level, const QString &message, int line,
                                    const QString &source)
{
    QString text = QStringLiteral("%1: %2").arg(level, message);
    if (!source.isEmpty())
        text += QStringLiteral(" (%1:%2)").arg(source).arg(line);
    m_console->appendPlainText(text);
    if (level == QLatin1String("error")) {
        ++m_consoleErrors;
        updateConsoleAction();
    }
}

void PreviewPane::updateConsoleAction()
{
    m_consoleToggle->setText(m_consoleErrors ? tr("Console (%n error(s))", nullptr, m_consoleErrors)
                                             : tr("Console"));
}

QString PreviewPane::statusText() const
{
    return m_message->text();
}

void PreviewPane::refresh()
{
    const PreviewProcess::State state = m_process->state();
    const bool running = state == PreviewProcess::State::Running;
    m_reload->setEnabled(running);
    m_openInBrowser->setEnabled(m_url.isValid() && !m_url.isEmpty());
    m_restart->setEnabled(m_url.isValid() && !m_url.isEmpty() &&
                          state != PreviewProcess::State::Stopping);

    const QString title = m_process->title();
    const QUrl page = m_process->pageUrl().isEmpty() ? m_url : m_process->pageUrl();
    m_pageLabel->setText(title.isEmpty() ? page.toString()
                                         : tr("%1 — %2").arg(title, page.toString()));

    QString text;
    bool offerRestart = false;
    switch (state) {
    case PreviewProcess::State::NotRunning:
        if (!m_url.isValid() || m_url.isEmpty())
            text = tr("The preview starts once the dev server is running.");
        else if (m_active)
            text = tr("The preview is not running.");
        else
            text = tr("The preview is stopped.");
        offerRestart = m_url.isValid() && !m_url.isEmpty();
        break;
    case PreviewProcess::State::Starting:
        text = m_crashNote.isEmpty()
                   ? tr("Starting the preview…")
                   : tr("The preview crashed and is being restarted.\n%1").arg(m_crashNote);
        break;
    case PreviewProcess::State::Running:
        if (!m_separateWindowPlatform.isEmpty())
            text = tr("The preview runs in its own window (the \"%1\" platform cannot embed it).\n"
                      "%2\n%3")
                       .arg(m_separateWindowPlatform, m_pageLabel->text(), m_loadNote);
        else
            text = tr("Starting the preview…");
        break;
    case PreviewProcess::State::Stopping:
        text = tr("Stopping the preview…");
        break;
    case PreviewProcess::State::Crashed:
        text = tr("The preview crashed.\n%1").arg(m_process->lastError());
        offerRestart = true;
        break;
    }
    m_message->setText(text);
    m_restartButton->setVisible(offerRestart);
    if (!m_container)
        m_stack->setCurrentWidget(m_messagePage);
}

} // namespace sy
