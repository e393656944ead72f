#pragma once
// The "Open Recent" list: the last kMax app folders opened, newest first,
// kept in QSettings under "recentProjects".
#include <QStringList>

class QSettings;

namespace sy {

class RecentProjects {
public:
    static constexpr int kMax = 8;

    /// Reads the list from `settings` (not owned; must outlive this object).
    explicit RecentProjects(QSettings &settings);

    QStringList list() const { return m_list; }
    /// Moves (or inserts) `dir` to the front, drops the oldest beyond kMax,
    /// and saves.
    void add(const QString &dir);
    void remove(const QString &dir);
    void clear();

private:
    void save();
    QSettings &m_settings;
    QStringList m_list;
};

} // namespace sy
