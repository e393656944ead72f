#include "core/jsonc.h"

#include <algorithm>
#include <cctype>

namespace sy {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// 1-based line and byte column of `offset` in `text`, with `reason`.
JsoncError errorAt(const std::string &text, size_t offset, std::string reason)
{
    JsoncError e;
    e.line = 1;
    e.column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++e.line;
            e.column = 1;
        } else {
            ++e.column;
        }
    }
    e.reason = std::move(reason);
    return e;
}

/// End of the comment starting at `i` ("//" or "/*"), or npos for an
/// unterminated block comment. A line comment ends before its line break.
size_t commentEnd(const std::string &text, size_t i)
{
    if (text[i + 1] == '/') {
        size_t k = i + 2;
        while (k < text.size() && text[k] != '\n' && text[k] != '\r')
            ++k;
        return k;
    }
    const size_t close = text.find("*/", i + 2);
    return close == std::string::npos ? std::string::npos : close + 2;
}

bool startsComment(const std::string &text, size_t i)
{
    return text[i] == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*');
}

/// nlohmann reports the offset of the last byte it read: the end of the
/// offending token. Its start is where an editor should point.
size_t tokenStart(const std::string &json, size_t end)
{
    if (end >= json.size())
        return json.size();
    size_t k = end;
    if (json[k] == '"' && k > 0) {
        --k;
        while (k > 0 && !(json[k] == '"' && json[k - 1] != '\\'))
            --k;
        return k;
    }
    auto inWord = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    };
    if (!inWord(json[k]) && k > 0 && inWord(json[k - 1]))
        --k; // an invalid literal ends where the next token begins ("tru}")
    while (k > 0 && inWord(json[k]) && inWord(json[k - 1]))
        --k;
    return k;
}

/// JSONC -> JSON text of the same length: comments and trailing commas become
/// spaces (newlines kept), so byte offsets, lines and columns of everything
/// else stay those of `text`; strings are untouched (`"a // b"` stays).
/// False + `error` (where: "unterminated /* comment") when a block comment
/// never ends; `out` then holds what was read so far.
bool blankJsonc(const std::string &text, std::string &out, JsoncError &error)
{
    out = text;
    const size_t n = text.size();
    size_t i = 0;
    if (n >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        out.replace(0, 3, "   ");
        i = 3;
    }
    char lastToken = 0; // last significant character kept
    while (i < n) {
        const char c = text[i];
        if (c == '"') {
            ++i;
            while (i < n && text[i] != '"' && text[i] != '\n') {
                if (text[i] == '\\')
                    ++i;
                ++i;
            }
            i = std::min(i + 1, n);
            lastToken = '"';
        } else if (startsComment(text, i)) {
            const size_t end = commentEnd(text, i);
            if (end == std::string::npos) {
                error = errorAt(text, i, "unterminated /* comment");
                return false;
            }
            for (size_t k = i; k < end; ++k)
                if (out[k] != '\n' && out[k] != '\r')
                    out[k] = ' ';
            i = end;
        } else if (c == ',') {
            // A trailing comma: after a value, only whitespace and comments
            // until the closing bracket (jsonc-parser's allowTrailingComma).
            size_t k = i + 1;
            while (k < n) {
                if (isJsonSpace(text[k])) {
                    ++k;
                } else if (startsComment(text, k)) {
                    k = commentEnd(text, k);
                    if (k == std::string::npos)
                        k = n;
                } else {
                    break;
                }
            }
            const bool afterValue = lastToken != 0 && lastToken != '{' && lastToken != '[' &&
                                    lastToken != ',' && lastToken != ':';
            if (afterValue && k < n && (text[k] == '}' || text[k] == ']'))
                out[i] = ' ';
            else
                lastToken = ',';
            ++i;
        } else {
            if (!isJsonSpace(c))
                lastToken = c;
            ++i;
        }
    }
    return true;
}

} // namespace

std::string JsoncError::text() const
{
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + reason;
}

bool parseJsonc(const std::string &text, nlohmann::json &out, std::string &error)
{
    JsoncError located;
    if (parseJsonc(text, out, located))
        return true;
    error = located.line > 0 ? located.text() : located.reason;
    return false;
}

bool parseJsonc(const std::string &text, nlohmann::json &out, JsoncError &error)
{
    std::string json;
    if (!blankJsonc(text, json, error))
        return false;
    try {
        out = nlohmann::json::parse(json);
        return true;
    } catch (const nlohmann::json::parse_error &e) {
        // Offsets are those of `text`; the reason without nlohmann's prefix
        // ("[json.exception.parse_error.101] parse error at line 2, column 3: ").
        std::string reason = e.what();
        const size_t colon = reason.find(": ");
        if (colon != std::string::npos && reason.find("parse error") != std::string::npos)
            reason = reason.substr(colon + 2);
        error = errorAt(text, tokenStart(json, e.byte > 0 ? e.byte - 1 : 0), std::move(reason));
        return false;
    } catch (const std::exception &e) {
        error = JsoncError{0, 0, e.what()};
        return false;
    }
}

} // namespace sy
