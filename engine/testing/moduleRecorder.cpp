#include "testing/moduleRecorder.h"

#include <utility>

namespace sy {

FetchedModule ModuleRecorder::fetchModule(const std::string &id, const std::string &importerId)
{
    {
        std::lock_guard lock(m_mutex);
        m_ids.insert(id);
    }
    return m_inner.fetchModule(id, importerId);
}

MockResolution ModuleRecorder::resolveForMocking(const std::string &specifier,
                                                 const std::string &importerId)
{
    return m_inner.resolveForMocking(specifier, importerId);
}

std::vector<LinkedStylesheet>
ModuleRecorder::stylesheetsFor(const std::vector<std::string> &clientReferences)
{
    return m_inner.stylesheetsFor(clientReferences);
}

std::set<std::string> ModuleRecorder::take()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_ids, {});
}

} // namespace sy
