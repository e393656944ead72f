#include "shell/shellStatusBar.h"

#include "shell/engineStatus.h"

#include <QLabel>
#include <QMessageBox>
#include <QPointer>

namespace sy {

ShellStatusBar::ShellStatusBar(EngineStatus *status, QWidget *parent)
    : QStatusBar(parent), m_status(status), m_url(new QLabel(this)), m_hashes(new QLabel(this)),
      m_generation(new QLabel(this)), m_rate(new QLabel(this)), m_configWarnings(new QLabel(this))
{
    setObjectName(QStringLiteral("statusBar"));
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_url->setOpenExternalLinks(false);
    connect(m_url, &QLabel::linkActivated, this, &ShellStatusBar::openUrlRequested);
    m_hashes->setObjectName(QStringLiteral("browserHashes"));
    m_hashes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_generation->setObjectName(QStringLiteral("generation"));
    m_rate->setObjectName(QStringLiteral("requestRate"));
    m_configWarnings->setObjectName(QStringLiteral("configWarnings"));
    m_configWarnings->setTextInteractionFlags(Qt::LinksAccessibleByMouse |
                                              Qt::LinksAccessibleByKeyboard);
    connect(m_configWarnings, &QLabel::linkActivated, this, &ShellStatusBar::showConfigWarnings);
    addWidget(m_url);
    addWidget(m_configWarnings);
    addPermanentWidget(m_hashes);
    addPermanentWidget(m_generation);
    addPermanentWidget(m_rate);
    connect(m_status, &EngineStatus::changed, this, &ShellStatusBar::refresh);
    refresh();
}

void ShellStatusBar::refresh()
{
    switch (m_status->state()) {
    case EngineStatus::State::Idle:
        m_url->setText(tr("No app open"));
        break;
    case EngineStatus::State::Loading:
        m_url->setText(tr("Loading %1…").arg(m_status->projectName().toHtmlEscaped()));
        break;
    case EngineStatus::State::Failed:
        m_url->setText(tr("Failed: %1").arg(m_status->errorMessage().toHtmlEscaped()));
        break;
    case EngineStatus::State::Ready: {
        const QString url = m_status->serverUrl().toHtmlEscaped();
        m_url->setText(QStringLiteral("<a href=\"%1/\">%1/</a>").arg(url));
        m_url->setToolTip(tr("Open the app in the browser"));
        break;
    }
    }
    QStringList hashes;
    const QMap<QString, QString> map = m_status->browserHashes();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        hashes << tr("%1 %2", "environment name, browserHash").arg(it.key(), it.value());
    m_hashes->setText(hashes.join(QStringLiteral(" · ")));
    m_hashes->setToolTip(tr("browserHash of each environment's pre-bundled dependencies"));
    m_hashes->setVisible(!hashes.isEmpty());
    m_generation->setText(tr("generation %1").arg(m_status->generation()));
    m_generation->setVisible(m_status->state() == EngineStatus::State::Ready);
    m_rate->setText(tr("%1 req/s").arg(m_status->requestsPerSecond(), 0, 'f', 1));
    m_rate->setVisible(m_status->state() == EngineStatus::State::Ready);
    const QStringList warnings = m_status->configWarnings();
    m_configWarnings->setText(
        QStringLiteral("<a href=\"#config-warnings\">%1</a>")
            .arg(tr("⚠ %n config warning(s)", "", int(warnings.size())).toHtmlEscaped()));
    m_configWarnings->setToolTip(warnings.join(QLatin1Char('\n')));
    m_configWarnings->setVisible(!warnings.isEmpty());
}

void ShellStatusBar::showConfigWarnings()
{
    static QPointer<QMessageBox> open;
    if (open)
        open->close();
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Not applied from the app's config"),
                        tr("Switchyard reads the app's framework version and vite.config and "
                           "applies what it implements natively. These parts are not "
                           "applied:"),
                        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("configWarningsDialog"));
    box->setInformativeText(m_status->configWarnings().join(QStringLiteral("\n\n")));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    open = box;
    box->show();
}

} // namespace sy
