#include "hmr/hmrPayload.h"

#include <nlohmann/json.hpp>

#include <chrono>

namespace sy {

namespace {

// ordered_json: keys in Vite's order (type first), which reads better in logs and the journal.
using json = nlohmann::ordered_json;

std::string dump(const json &j)
{
    // Invalid UTF-8 in messages or paths must not throw: replace it.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string typeOnly(const char *type)
{
    return dump(json{{"type", type}});
}

} // namespace

int64_t hmrTimestampNow()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string connectedPayload()
{
    return typeOnly("connected");
}

std::string pingPayload()
{
    return typeOnly("ping");
}

std::string updatePayload(const std::vector<HmrUpdate> &updates)
{
    json list = json::array();
    for (const HmrUpdate &u : updates) {
        json entry{{"type", u.type == HmrUpdateType::Css ? "css-update" : "js-update"},
                   {"path", u.path},
                   {"acceptedPath", u.acceptedPath},
                   {"timestamp", u.timestamp}};
        if (u.isWithinCircularImport)
            entry["isWithinCircularImport"] = true;
        list.push_back(std::move(entry));
    }
    return dump(json{{"type", "update"}, {"updates", std::move(list)}});
}

std::string fullReloadPayload(std::string_view path, std::string_view triggeredBy)
{
    json j{{"type", "full-reload"}};
    if (!path.empty())
        j["path"] = std::string(path);
    if (!triggeredBy.empty())
        j["triggeredBy"] = std::string(triggeredBy);
    return dump(j);
}

std::string prunePayload(const std::vector<std::string> &paths)
{
    return dump(json{{"type", "prune"}, {"paths", paths}});
}

std::string errorPayload(const HmrError &err)
{
    json e{{"message", err.message}, {"stack", err.stack}};
    if (!err.id.empty())
        e["id"] = err.id;
    if (!err.frame.empty())
        e["frame"] = err.frame;
    if (!err.plugin.empty())
        e["plugin"] = err.plugin;
    if (err.loc)
        e["loc"] =
            json{{"file", err.loc->file}, {"line", err.loc->line}, {"column", err.loc->column}};
    if (err.serverRender)
        e["serverRender"] = true;
    return dump(json{{"type", "error"}, {"err", std::move(e)}});
}

std::string customPayload(std::string_view event)
{
    return dump(json{{"type", "custom"}, {"event", std::string(event)}});
}

std::string customPayload(std::string_view event, const nlohmann::json &data)
{
    return dump(json{{"type", "custom"}, {"event", std::string(event)}, {"data", json(data)}});
}

std::string rscUpdatePayload(std::string_view event, std::string_view file,
                             const std::vector<std::string> &paths)
{
    return customPayload(event, json{{"file", std::string(file)}, {"paths", paths}});
}

} // namespace sy
