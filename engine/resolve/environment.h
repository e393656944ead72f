#pragma once
#include <optional>
#include <string_view>

namespace sy {

/// The three Vite-style environments of a Switchyard dev session
/// (engine-reference.md "Environments"): `client` (browser), `ssr` (HTML
/// rendering with the normal React build) and `worker` (the Cloudflare worker,
/// RSC, resolved with the `react-server` condition).
enum class EnvironmentKind { Client, Ssr, Worker };

/// "client" | "ssr" | "worker".
std::string_view environmentName(EnvironmentKind kind);

/// Inverse of environmentName(); std::nullopt for any other string.
std::optional<EnvironmentKind> environmentFromName(std::string_view name);

} // namespace sy
