#include "testing/testStorageHost.h"

#include "storage/isolateStorage.h"

namespace sy {

TestStorageHost::TestStorageHost(std::shared_ptr<IsolateStorage> storage)
    : m_storage(std::move(storage))
{
}

BindingResult TestStorageHost::call(std::string_view binding, std::string_view op,
                                    std::string_view argsJson, std::span<const uint8_t> bytes)
{
    if (binding != "__switchyard_storage")
        return m_storage->call(binding, op, argsJson, bytes);
    std::string error;
    if (op == "savepoint")
        return m_storage->savepoint(&error) ? BindingResult::success("null")
                                            : BindingResult::error("storage savepoint: " + error);
    if (op == "rollback")
        return m_storage->rollbackToSavepoint(&error)
                   ? BindingResult::success("null")
                   : BindingResult::error(
                         "storage rollback: " +
                         (error.empty() ? std::string("no savepoint open") : error));
    if (op == "reset")
        return m_storage->deleteAll(&error) ? BindingResult::success("null")
                                            : BindingResult::error("storage reset: " + error);
    return BindingResult::error("unknown storage control op '" + std::string(op) + "'",
                                BindingResult::Status::TypeError);
}

} // namespace sy
