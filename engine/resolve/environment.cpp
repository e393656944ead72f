#include "resolve/environment.h"

namespace sy {

std::string_view environmentName(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Client:
        return "client";
    case EnvironmentKind::Ssr:
        return "ssr";
    case EnvironmentKind::Worker:
        return "worker";
    }
    return "client";
}

std::optional<EnvironmentKind> environmentFromName(std::string_view name)
{
    if (name == "client")
        return EnvironmentKind::Client;
    if (name == "ssr")
        return EnvironmentKind::Ssr;
    if (name == "worker")
        return EnvironmentKind::Worker;
    return std::nullopt;
}

} // namespace sy
