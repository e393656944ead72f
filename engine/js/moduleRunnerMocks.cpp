// ModuleRunner's module mocks: what Vitest's VitestMocker does inside its
// module runner (vi.mock, vi.doMock, vi.unmock, vi.resetModules), for real ES
// module linking. A mocked id links to a synthetic module made of the
// object the harness gives (a factory's result, an automocked module) or to
// the module of a __mocks__ file. The harness (engine/js/testHarness/viMock*.js)
// decides what each mock is; this file only links.
#include "js/moduleRunner.h"

#include "js/v8Strings.h"

#include <algorithm>

namespace sy {

using v8util::str;
using v8util::toStd;

int ModuleRunner::linkMock(const std::string &id, const std::string &importerId, LinkMap &linking,
                           std::vector<std::string> &created)
{
    auto it = mocks_.find(id);
    if (it == mocks_.end() || loadActualIds_.count(id))
        return -1;
    Mock &mock = it->second;
    if (!mock.redirectId.empty()) {
        // A __mocks__ file that imports the module it mocks gets the original.
        if (redirecting_.count(id))
            return -1;
        const std::string redirect = mock.redirectId;
        redirecting_.insert(id);
        const bool ok = fetchAndCompile(redirect, importerId, linking, created);
        redirecting_.erase(id);
        if (!ok)
            return 0;
        linking[id] = linking[redirect];
        return 1;
    }
    if (mock.module) {
        linking[id] = mock.module->Get(isolate_);
        return 1;
    }
    if (!mock.exports) {
        if (std::find(pendingMocks_.begin(), pendingMocks_.end(), id) == pendingMocks_.end())
            pendingMocks_.push_back(id);
        return 1;
    }
    auto context = context_.Get(isolate_);
    auto exports = mock.exports->Get(isolate_);
    std::vector<std::string> names;
    bool hasDefault = false;
    v8::Local<v8::Array> keys;
    if (!exports
             ->GetOwnPropertyNames(
                 context, static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS),
                 v8::KeyConversionMode::kConvertToString)
             .ToLocal(&keys))
        return 0;
    for (uint32_t i = 0; i < keys->Length(); ++i) {
        std::string key = toStd(isolate_, keys->Get(context, i).ToLocalChecked());
        hasDefault = hasDefault || key == "default";
        names.push_back(std::move(key));
    }
    // A CommonJS pre-bundle's importers read named imports off `default`.
    const bool defaultIsObject = mock.interop && !hasDefault;
    auto module = createObjectModule(id, exports, std::move(names), defaultIsObject);
    mock.module = std::make_shared<v8::Global<v8::Module>>(isolate_, module);
    linking[id] = module;
    return 1;
}

void ModuleRunner::mockModule(const std::string &id, const std::string &redirectId, bool interop)
{
    std::lock_guard lock(mutex_);
    Mock &mock = mocks_[id];
    if (mock.exports)
        mock.exports->Reset();
    if (mock.module)
        mock.module->Reset();
    mock = Mock{};
    mock.redirectId = redirectId;
    mock.interop = interop;
}

bool ModuleRunner::setMockExports(const std::string &id, v8::Local<v8::Object> exports)
{
    std::lock_guard lock(mutex_);
    auto it = mocks_.find(id);
    if (it == mocks_.end())
        return false;
    if (it->second.module) {
        it->second.module->Reset();
        it->second.module.reset();
    }
    it->second.exports = std::make_shared<v8::Global<v8::Object>>(isolate_, exports);
    return true;
}

void ModuleRunner::unmockModule(const std::string &id)
{
    std::lock_guard lock(mutex_);
    auto it = mocks_.find(id);
    if (it == mocks_.end())
        return;
    if (it->second.exports)
        it->second.exports->Reset();
    if (it->second.module)
        it->second.module->Reset();
    mocks_.erase(it);
}

std::vector<std::string>
ModuleRunner::resetModules(const std::function<bool(const std::string &)> &keep)
{
    std::lock_guard lock(mutex_);
    std::vector<std::string> dropped;
    for (const auto &[id, r] : records_)
        if (!pinned_.count(id) && !keep(id))
            dropped.push_back(id);
    dropLocked(dropped);
    return dropped;
}

} // namespace sy
