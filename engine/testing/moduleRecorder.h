#pragma once
// Which modules a test file's run loaded: a ModuleProvider in front of the
// worker environment that notes every id the isolate's module runner asks
// for (static imports, dynamic import(), the app's entry reached through SELF,
// bridged ssr modules) before passing the call on. `switchyard test --watch`
// reruns a file when one of them changes, as Vitest reruns the test files
// whose module graph holds an edited file.
#include "js/moduleProvider.h"

#include <mutex>
#include <set>
#include <string>

namespace sy {

class ModuleRecorder : public ModuleProvider {
public:
    /// `inner` must outlive the recorder.
    explicit ModuleRecorder(ModuleProvider &inner) : m_inner(inner) {}

    FetchedModule fetchModule(const std::string &id, const std::string &importerId) override;
    /// Passed on unrecorded (a resolution loads nothing).
    MockResolution resolveForMocking(const std::string &specifier,
                                     const std::string &importerId) override;
    std::vector<LinkedStylesheet>
    stylesheetsFor(const std::vector<std::string> &clientReferences) override;

    /// The ids fetched since the last take() (thread-safe), and forgets them:
    /// a pooled isolate runs one file at a time, so each file takes its own.
    std::set<std::string> take();

private:
    ModuleProvider &m_inner;
    std::mutex m_mutex;
    std::set<std::string> m_ids;
};

} // namespace sy
