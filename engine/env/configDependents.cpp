#include "env/configDependents.h"

namespace sy {

void ConfigDependents::set(const std::string &id, std::set<std::string> files)
{
    remove(id);
    if (files.empty())
        return;
    for (const std::string &file : files)
        m_byFile[file].insert(id);
    m_byModule[id] = std::move(files);
}

std::vector<std::string> ConfigDependents::modulesDependingOn(const std::string &file) const
{
    auto it = m_byFile.find(file);
    if (it == m_byFile.end())
        return {};
    return {it->second.begin(), it->second.end()};
}

void ConfigDependents::remove(const std::string &id)
{
    auto it = m_byModule.find(id);
    if (it == m_byModule.end())
        return;
    for (const std::string &file : it->second) {
        auto f = m_byFile.find(file);
        if (f != m_byFile.end() && f->second.erase(id) && f->second.empty())
            m_byFile.erase(f);
    }
    m_byModule.erase(it);
}

void ConfigDependents::clear()
{
    m_byModule.clear();
    m_byFile.clear();
}

} // namespace sy
