#include "views/selection/moduleSelection.h"

namespace sy {

ModuleSelection::ModuleSelection(QObject *parent) : QObject(parent)
{
    setObjectName(QStringLiteral("moduleSelection"));
}

void ModuleSelection::select(const QList<ModuleRef> &modules, const ModuleRef &current,
                             QObject *origin)
{
    QList<ModuleRef> unique;
    for (const ModuleRef &ref : modules)
        if (!ref.isNull() && !unique.contains(ref))
            unique << ref;
    int at = unique.indexOf(current);
    if (at < 0)
        at = unique.indexOf(this->current());
    if (at < 0)
        at = 0;
    if (unique == m_modules && (unique.isEmpty() || at == m_current))
        return;
    m_modules = unique;
    m_current = at;
    emit changed(origin);
}

void ModuleSelection::setCurrent(const ModuleRef &ref, QObject *origin)
{
    const int at = m_modules.indexOf(ref);
    if (at < 0 || at == m_current)
        return;
    m_current = at;
    emit changed(origin);
}

} // namespace sy
