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

HostPolicy::HostPolicy(std::vector<std::string> allowedHosts, std::string bindHost)
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

bool HostPolicy::isAllowedOrigin(std::string_view origin) const
{
    origin = trim(origin);
    if (origin.empty())
        return true;
    const std::string text = lower(origin);
    std::string_view rest = text;
    if (rest.starts_with("http://"))
        rest.remove_prefix(7);
    else if (rest.starts_with("https://"))
        rest.remove_prefix(8);
    else
        return false; // includes the opaque origin "null"
    if (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    if (rest.find_first_of("/?#@") != std::string_view::npos)
        return false;
    return isAllowedName(hostNameOf(rest));
}

} // namespace sy
