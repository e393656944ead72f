#include "shell/settingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace sy {

QList<QPair<QString, QString>> SettingsDialog::languages()
{
    return {{QString(), tr("System default")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("ja"), QStringLiteral("日本語")}};
}

SettingsDialog::SettingsDialog(QSettings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_language(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    m_language->setObjectName(QStringLiteral("languageBox"));
    const QString current = m_settings.value(QStringLiteral("language")).toString();
    for (const auto &[code, name] : languages()) {
        m_language->addItem(name, code);
        if (code == current)
            m_language->setCurrentIndex(m_language->count() - 1);
    }
    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    auto *note = new QLabel(tr("A new language applies the next time Switchyard starts."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void SettingsDialog::accept()
{
    m_settings.setValue(QStringLiteral("language"), m_language->currentData().toString());
    QDialog::accept();
}

} // namespace sy
