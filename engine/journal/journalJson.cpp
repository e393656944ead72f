#include "journal/journalJson.h"

#include <nlohmann/json.hpp>

namespace sy {

nlohmann::json journalEventToJson(const JournalEvent &event)
{
    nlohmann::json data = nlohmann::json::parse(event.dataJson, nullptr, false);
    if (data.is_discarded())
        data = {{"invalidJson", event.dataJson}};
    return {{"id", event.id},
            {"timeMs", event.timeMs},
            {"kind", event.kind},
            {"environment", event.environment},
            {"generation", event.generation},
            {"summary", event.summary},
            {"data", std::move(data)}};
}

JournalEvent journalEventFromJson(const nlohmann::json &json)
{
    JournalEvent e;
    e.id = json.value("id", int64_t(0));
    e.timeMs = json.value("timeMs", int64_t(0));
    e.kind = json.value("kind", std::string());
    e.environment = json.value("environment", std::string());
    e.generation = json.value("generation", int64_t(0));
    e.summary = json.value("summary", std::string());
    if (json.contains("data"))
        e.dataJson = json["data"].dump();
    return e;
}

} // namespace sy
