#include "core/httpTypes.h"

#include <algorithm>
#include <cctype>

namespace sy {

std::string HttpRequest::header(std::string_view name) const
{
    for (const auto &[key, value] : headers) {
        if (key.size() == name.size() &&
            std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return value;
    }
    return {};
}

std::string requestUrl(std::string_view baseUrl, std::string_view target)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out(baseUrl);
    out.reserve(baseUrl.size() + target.size());
    for (const char c : target) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7f) {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        }
    }
    return out;
}

} // namespace sy
