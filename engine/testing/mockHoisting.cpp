#include "testing/mockHoisting.h"

#include "js/transformService.h"

#include <cctype>
#include <cstdio>

namespace sy {
namespace {

bool isIdentifierChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

size_t skipSpace(std::string_view s, size_t i)
{
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
        ++i;
    return i;
}

} // namespace

bool mayHoistMocks(std::string_view code)
{
    static constexpr std::string_view kMethods[] = {"mock", "unmock", "hoisted", "doMock",
                                                    "doUnmock"};
    for (size_t dot = code.find('.'); dot != std::string_view::npos;
         dot = code.find('.', dot + 1)) {
        // The object before the dot: `vi` or `vitest` as a whole word.
        size_t end = dot;
        while (end > 0 && std::isspace(static_cast<unsigned char>(code[end - 1])))
            --end;
        size_t start = end;
        while (start > 0 && isIdentifierChar(code[start - 1]))
            --start;
        const std::string_view object = code.substr(start, end - start);
        if (object != "vi" && object != "vitest")
            continue;
        // The method after it, then `(`.
        const size_t name = skipSpace(code, dot + 1);
        size_t nameEnd = name;
        while (nameEnd < code.size() && isIdentifierChar(code[nameEnd]))
            ++nameEnd;
        const std::string_view method = code.substr(name, nameEnd - name);
        bool known = false;
        for (std::string_view m : kMethods)
            known = known || method == m;
        if (!known)
            continue;
        const size_t paren = skipSpace(code, nameEnd);
        if (paren < code.size() && code[paren] == '(')
            return true;
    }
    return false;
}

SourceStep mockHoistingStep(TransformService &transforms, std::string environmentName)
{
    return [&transforms, environmentName](const std::string &id, std::string code) {
        SourceStepResult result;
        if (!mayHoistMocks(code)) {
            result.code = std::move(code);
            return result;
        }
        MockHoistOutput hoisted = transforms.hoistMocks(code, id);
        for (const std::string &warning : hoisted.warnings)
            std::fprintf(stderr, "[%s] %s\n", environmentName.c_str(), warning.c_str());
        if (!hoisted.ok) {
            result.ok = false;
            result.error = "Transform failed in " + id + " (" + std::to_string(hoisted.line) + ":" +
                           std::to_string(hoisted.column) + ", environment " + environmentName +
                           "): " + hoisted.error;
            result.line = hoisted.line;
            result.column = hoisted.column;
            return result;
        }
        result.code = hoisted.changed ? std::move(hoisted.code) : std::move(code);
        return result;
    };
}

} // namespace sy
