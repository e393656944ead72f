#include "server/hostCheck.h"

#include <algorithm>
#include <cctype>

namespace sy {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool isPort(std::string_view text)
{
    return !text.empty() && text.size() <= 5 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool isHostNameChar(unsigned char c)
{
    return std::isalnum(c) || c == '.' || c == '-' || c == '_';
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// An http(s) origin taken apart: lower-case scheme and host name (no brackets), port (the
/// scheme's default when absent).
struct OriginParts {
    std::string scheme;
    std::string name;
    uint32_t port = 0;
};

bool parseOrigin(std::string_view origin, OriginParts &out)
{
    const std::string text = lower(trim(origin));
    std::string_view rest = text;
    if (rest.starts_with("http://")) {
        out.scheme = "http";
        out.port = 80;
        rest.remove_prefix(7);
    } else if (rest.starts_with("https://")) {
        out.scheme = "https";
        out.port = 443;
        rest.remove_prefix(8);
    } else {
        return false; // includes the opaque origin "null"
    }
    if (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    if (rest.empty() || rest.find_first_of("/?#@ \t") != std::string_view::npos)
        return false;
    out.name = hostNameOf(rest);
    if (out.name.empty())
        return false;
    const size_t close = rest.front() == '[' ? rest.find(']') : 0;
    const size_t colon = rest.find(':', close);
    if (colon != std::string_view::npos) {
        uint32_t port = 0;
        for (char c : rest.substr(colon + 1))
            port = port * 10 + uint32_t(c - '0'); // hostNameOf checked: 1-5 digits
        if (port == 0 || port > 65535)
            return false;
        out.port = port;
    }
    return true;
}

} // namespace

std::string hostNameOf(std::string_view hostHeader)
{
    std::string_view text = trim(hostHeader);
    if (text.empty())
        return {};
    if (text.front() == '[') {
        const size_t close = text.find(']');
        if (close == std::string_view::npos || close == 1)
            return {};
        std::string_view rest = text.substr(close + 1);
        if (!rest.empty() && (rest.front() != ':' || !isPort(rest.substr(1))))
            return {};
        std::string_view name = text.substr(1, close - 1);
        if (!std::all_of(name.begin(), name.end(),
                         [](unsigned char c) { return std::isxdigit(c) || c == ':' || c == '.'; }))
            return {};
        return lower(name);
    }
    const size_t colon = text.find(':');
    std::string_view name = text.substr(0, colon);
    if (colon != std::string_view::npos && !isPort(text.substr(colon + 1)))
        return {};
    if (!name.empty() && name.back() == '.')
        name.remove_suffix(1);
    if (name.empty() || !std::all_of(name.begin(), name.end(), isHostNameChar))
        return {};
    return lower(name);
}

std::string normalizeOrigin(std::string_view origin)
{
    OriginParts parts;
    if (!parseOrigin(origin, parts))
        return {};
    const bool ipv6 = parts.name.find(':') != std::string::npos;
    std::string out = parts.scheme + "://" + (ipv6 ? "[" + parts.name + "]" : parts.name);
    const uint32_t defaultPort = parts.scheme == "https" ? 443 : 80;
    if (parts.port != defaultPort)
        out += ":" + std::to_string(parts.port);
    return out;
}

std::string originForHost(std::string_view hostHeader)
{
    if (hostNameOf(hostHeader).empty())
        return {};
    return "http://" + lower(trim(hostHeader));
}

HostPolicy::HostPolicy(std::vector<std::string> allowedHosts, std::string bindHost,
                       std::vector<std::string> allowedOrigins)
{
    for (const std::string &host : allowedHosts) {
        std::string entry = lower(trim(host));
        if (!entry.empty())
            allowed_.push_back(std::move(entry));
    }
    std::string bind = lower(trim(bindHost));
    if (bind.size() > 2 && bind.front() == '[' && bind.back() == ']')
        bind = bind.substr(1, bind.size() - 2);
    if (!bind.empty() && bind != "0.0.0.0" && bind != "::")
        allowed_.push_back(std::move(bind));
    for (const std::string &origin : allowedOrigins) {
        std::string entry = normalizeOrigin(origin);
        if (!entry.empty())
            allowedOrigins_.push_back(std::move(entry));
    }
}

bool HostPolicy::isAllowedName(const std::string &name) const
{
    if (name.empty())
        return false;
    if (name == "localhost" || endsWith(name, ".localhost") || name == "127.0.0.1" || name == "::1")
        return true;
    for (const std::string &entry : allowed_) {
        if (entry.front() == '.') {
            if (name == std::string_view(entry).substr(1) || endsWith(name, entry))
                return true;
        } else if (name == entry) {
            return true;
        }
    }
    return false;
}

bool HostPolicy::isAllowedHost(std::string_view hostHeader) const
{
    return isAllowedName(hostNameOf(hostHeader));
}

bool HostPolicy::isAllowedOrigin(std::string_view origin, uint16_t serverPort) const
{
    if (trim(origin).empty())
        return true;
    OriginParts parts;
    if (!parseOrigin(origin, parts))
        return false;
    const std::string normalized = normalizeOrigin(origin);
    for (const std::string &entry : allowedOrigins_) {
        if (entry == normalized)
            return true;
    }
    // The server speaks plain HTTP: its own origin is http://<an accepted name>:<its port>.
    return parts.scheme == "http" && parts.port == serverPort && isAllowedName(parts.name);
}

} // namespace sy
