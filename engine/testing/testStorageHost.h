#pragma once
// The BindingHost of a test isolate: the file's own IsolateStorage (fresh, in
// memory) plus the pseudo-binding "__switchyard_storage" through which the
// harness opens a savepoint before each test and rolls it back after it
// (storageIsolation "per-test"; @cloudflare/vitest-pool-workers' isolated
// storage does the same with its storage stack).
#include "core/bindingHost.h"

#include <memory>

namespace sy {

class IsolateStorage;

class TestStorageHost : public BindingHost {
public:
    explicit TestStorageHost(std::shared_ptr<IsolateStorage> storage);
    /// KV/D1 ops go to the storage; "__switchyard_storage" answers
    /// "savepoint" and "rollback" (an Error when none is open or SQLite fails),
    /// and "reset" (IsolateStorage::deleteAll: cloudflare:test's reset()).
    BindingResult call(std::string_view binding, std::string_view op, std::string_view argsJson,
                       std::span<const uint8_t> bytes) override;

private:
    std::shared_ptr<IsolateStorage> m_storage;
};

} // namespace sy
