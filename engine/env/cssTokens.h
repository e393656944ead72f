#pragma once
// Tokenizing helpers shared by the stylesheet passes (cssImports.cpp,
// cssUrls.cpp): CSS comments, strings, parentheses, identifiers, positions.
// Internal to engine/env.
#include <cctype>
#include <string>

namespace sy::csstok {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

inline bool isIdentChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

inline std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

inline std::string trim(const std::string &s)
{
    size_t a = 0, b = s.size();
    while (a < b && isSpace(s[a]))
        ++a;
    while (b > a && isSpace(s[b - 1]))
        --b;
    return s.substr(a, b - a);
}

inline bool startsWithNoCase(const std::string &s, size_t at, const char *word)
{
    for (size_t i = 0; word[i]; ++i)
        if (at + i >= s.size() || std::tolower(static_cast<unsigned char>(s[at + i])) != word[i])
            return false;
    return true;
}

// End of the comment starting at `i` ("/*"): the index after "*/".
inline size_t skipComment(const std::string &s, size_t i)
{
    size_t end = s.find("*/", i + 2);
    return end == std::string::npos ? s.size() : end + 2;
}

// End of the string starting at `i` (its quote): the index after the closing quote.
inline size_t skipString(const std::string &s, size_t i)
{
    const char q = s[i];
    for (size_t j = i + 1; j < s.size(); ++j) {
        if (s[j] == '\\')
            ++j;
        else if (s[j] == q || s[j] == '\n')
            return j + 1;
    }
    return s.size();
}

// The string token's value: s[from] is its quote, `to` the index after it
// ends (escapes undone; an escaped newline is a continuation).
inline std::string stringValue(const std::string &s, size_t from, size_t to)
{
    size_t last = to;
    if (to > from + 1 && s[to - 1] == s[from])
        last = to - 1; // without the closing quote
    std::string v;
    for (size_t j = from + 1; j < last; ++j) {
        if (s[j] == '\\' && j + 1 < last) {
            ++j;
            if (s[j] == '\n')
                continue;
        }
        v += s[j];
    }
    return v;
}

// After an opening parenthesis at `open`: the index of the matching ')'.
inline size_t matchParen(const std::string &s, size_t open)
{
    int depth = 0;
    for (size_t j = open; j < s.size();) {
        if (s[j] == '"' || s[j] == '\'') {
            j = skipString(s, j);
            continue;
        }
        if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '*') {
            j = skipComment(s, j);
            continue;
        }
        if (s[j] == '(')
            ++depth;
        else if (s[j] == ')' && --depth == 0)
            return j;
        ++j;
    }
    return std::string::npos;
}

inline void lineColumn(const std::string &s, size_t offset, int &line, int &column)
{
    line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < offset && i < s.size(); ++i)
        if (s[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    column = static_cast<int>(offset - lineStart) + 1;
}

} // namespace sy::csstok
