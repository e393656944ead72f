#pragma once
// Settings: the interface language (system locale by default; applied on the
// next start), kept in QSettings under "language" ("" = system, "en", "de",
// "ja").
#include <QDialog>

class QComboBox;
class QSettings;

namespace sy {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(QSettings &settings, QWidget *parent = nullptr);

    /// The languages offered: code ("" = system) and native name.
    static QList<QPair<QString, QString>> languages();

    QComboBox *languageBox() const { return m_language; }

public slots:
    void accept() override;

private:
    QSettings &m_settings;
    QComboBox *m_language;
};

} // namespace sy
