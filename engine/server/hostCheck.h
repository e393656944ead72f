#pragma once
// Host / Origin policy of the dev server: DNS-rebinding protection (Vite's server.allowedHosts)
// and same-origin checks for state-changing requests and the HMR WebSocket (Vite 6.0.9+'s
// WebSocket origin/token rule, CVE-2025-24010).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// Decides which Host headers (every request) and Origin headers (HMR WebSocket upgrades and
/// every request other than GET/HEAD) are accepted.
///
/// Host: always accepted are localhost, *.localhost, 127.0.0.1, ::1 (any port). Extra names come
/// from `allowedHosts` (case-insensitive; ".example.test" accepts example.test and its
/// subdomains) and the bind address.
///
/// Origin: the server's own origin only, i.e. `http://<name>:<port>` where <name> is a host name
/// the Host rule accepts and <port> the port the server listens on (a page of the same host on
/// another port is another origin), or one of `allowedOrigins` (exact scheme, host and port).
///
/// Immutable after construction, so safe to share between threads.
class HostPolicy {
public:
    /// `bindHost` (the address the server listens on) is accepted too unless it is a wildcard
    /// address (0.0.0.0, ::). `allowedOrigins` ("https://app.example.test",
    /// "http://localhost:3000") are normalized like browsers serialize origins (lower case,
    /// default port dropped); malformed entries are ignored.
    explicit HostPolicy(std::vector<std::string> allowedHosts = {}, std::string bindHost = {},
                        std::vector<std::string> allowedOrigins = {});

    /// `hostHeader` as received ("localhost:5173", "[::1]:5173", "example.test"). An empty or
    /// malformed header is refused.
    bool isAllowedHost(std::string_view hostHeader) const;
    /// `origin` as received ("http://localhost:5173") against a server listening on
    /// `serverPort`. An empty (absent) origin is allowed: non-browser clients send none, and
    /// browsers always send one on cross-origin POSTs and WebSocket upgrades. "null", non-http(s)
    /// schemes, paths, userinfo and foreign hosts or ports are refused.
    bool isAllowedOrigin(std::string_view origin, uint16_t serverPort) const;

private:
    bool isAllowedName(const std::string &lowerHostName) const;
    std::vector<std::string> allowed_;
    std::vector<std::string> allowedOrigins_; ///< normalized: scheme://host[:port]
};

/// Lower-cased host name of a Host header value without port and brackets
/// ("[::1]:5173" -> "::1", "LocalHost:80" -> "localhost"); empty if malformed.
std::string hostNameOf(std::string_view hostHeader);

/// An origin as browsers serialize it: "scheme://host[:port]", lower case, the scheme's default
/// port (80, 443) dropped, IPv6 hosts in brackets; empty if `origin` is not a valid http(s)
/// origin (a path, query, userinfo or opaque "null" make it invalid; one trailing "/" is
/// tolerated).
std::string normalizeOrigin(std::string_view origin);

/// The origin a browser has on a page served under `hostHeader` (already accepted by
/// HostPolicy::isAllowedHost): "http://" + the header, lower-cased ("LocalHost:5173" ->
/// "http://localhost:5173"). Empty when the header is malformed. The worker's `request.url` is
/// built on it, so a page opened at localhost sees localhost URLs (frameworks compare Origin
/// with request.url's origin before running a server action).
std::string originForHost(std::string_view hostHeader);

} // namespace sy
