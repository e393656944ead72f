#pragma once
// Host / Origin policy of the dev server (DNS-rebinding protection, as Vite's server.allowedHosts).
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// Decides which Host headers (every request) and Origin headers (WebSocket upgrades) are
/// accepted. Always accepted: localhost, *.localhost, 127.0.0.1, ::1 (any port). Extra names come
/// from `allowedHosts` (case-insensitive; ".example.test" accepts example.test and its
/// subdomains). Immutable after construction, so safe to share between threads.
class HostPolicy {
public:
    /// `bindHost` (the address the server listens on) is accepted too unless it is a wildcard
    /// address (0.0.0.0, ::).
    explicit HostPolicy(std::vector<std::string> allowedHosts = {}, std::string bindHost = {});

    /// `hostHeader` as received ("localhost:5173", "[::1]:5173", "example.test"). An empty or
    /// malformed header is refused.
    bool isAllowedHost(std::string_view hostHeader) const;
    /// `origin` as received ("http://localhost:5173"). An empty (absent) origin is allowed; "null",
    /// non-http(s) schemes and origins whose host is not allowed are refused.
    bool isAllowedOrigin(std::string_view origin) const;

private:
    bool isAllowedName(const std::string &lowerHostName) const;
    std::vector<std::string> allowed_;
};

/// Lower-cased host name of a Host header value without port and brackets
/// ("[::1]:5173" -> "::1", "LocalHost:80" -> "localhost"); empty if malformed.
std::string hostNameOf(std::string_view hostHeader);

} // namespace sy
