#include "shell/recentProjects.h"

#include <QDir>
#include <QSettings>

namespace sy {

namespace {
const char kKey[] = "recentProjects";
}

RecentProjects::RecentProjects(QSettings &settings) : m_settings(settings)
{
    m_list = m_settings.value(QLatin1String(kKey)).toStringList();
    m_list.removeAll(QString());
    m_list.removeDuplicates();
    while (m_list.size() > kMax)
        m_list.removeLast();
}

void RecentProjects::add(const QString &dir)
{
    const QString clean = QDir::cleanPath(dir);
    if (clean.isEmpty())
        return;
    m_list.removeAll(clean);
    m_list.prepend(clean);
    while (m_list.size() > kMax)
        m_list.removeLast();
    save();
}

void RecentProjects::remove(const QString &dir)
{
    m_list.removeAll(QDir::cleanPath(dir));
    save();
}

void RecentProjects::clear()
{
    m_list.clear();
    save();
}

void RecentProjects::save()
{
    m_settings.setValue(QLatin1String(kKey), m_list);
}

} // namespace sy
