#include "testing/snapshotHost.h"

#include <nlohmann/json.hpp>

namespace sy {

namespace {

std::string stringArg(const nlohmann::json &args, const char *key)
{
    const auto it = args.find(key);
    return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
}

BindingResult jsonString(const std::string &text)
{
    return BindingResult::success(
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace

SnapshotHost::SnapshotHost(std::shared_ptr<const SnapshotFiles> files,
                           std::function<std::string(const std::string &)> sourceMapOf,
                           std::shared_ptr<BindingHost> inner)
    : m_files(std::move(files)), m_sourceMapOf(std::move(sourceMapOf)), m_inner(std::move(inner))
{
}

BindingResult SnapshotHost::call(std::string_view binding, std::string_view op,
                                 std::string_view argsJson, std::span<const uint8_t> bytes)
{
    if (binding != kBinding)
        return forwardBindingCall(m_inner.get(), binding, op, argsJson, bytes);
    nlohmann::json args = nlohmann::json::parse(argsJson, nullptr, false);
    if (args.is_null())
        args = nlohmann::json::object();
    if (!args.is_object())
        return BindingResult::error("snapshot host: arguments must be a JSON object",
                                    BindingResult::Status::TypeError);
    std::string error;
    const std::string path = stringArg(args, "path");
    if (op == "version")
        return jsonString("1");
    if (op == "header")
        return jsonString(kVitestSnapshotHeader);
    if (op == "resolvePath")
        return jsonString(SnapshotFiles::snapshotPathFor(stringArg(args, "testPath")));
    if (op == "resolveRawPath")
        return jsonString(
            SnapshotFiles::resolveRawPath(stringArg(args, "testPath"), stringArg(args, "rawPath")));
    if (op == "read") {
        std::optional<std::string> content;
        if (!m_files->read(path, content, error))
            return BindingResult::error("cannot read snapshot file: " + error);
        if (!content)
            return BindingResult::success("null");
        return BindingResult::success("true",
                                      std::vector<uint8_t>(content->begin(), content->end()));
    }
    if (op == "save") {
        const std::string_view content(reinterpret_cast<const char *>(bytes.data()), bytes.size());
        return m_files->write(path, content, error)
                   ? BindingResult::success("null")
                   : BindingResult::error("cannot save snapshot file: " + error);
    }
    if (op == "remove")
        return m_files->remove(path, error)
                   ? BindingResult::success("null")
                   : BindingResult::error("cannot remove snapshot file: " + error);
    if (op == "prepareDirectory")
        return m_files->makeDirectories(path, error)
                   ? BindingResult::success("null")
                   : BindingResult::error("cannot create snapshot folder: " + error);
    if (op == "sourceMap") {
        const std::string map =
            m_sourceMapOf ? m_sourceMapOf(stringArg(args, "file")) : std::string();
        return map.empty() ? BindingResult::success("null") : jsonString(map);
    }
    return BindingResult::error("snapshot host: unknown op '" + std::string(op) + "'",
                                BindingResult::Status::TypeError);
}

} // namespace sy
