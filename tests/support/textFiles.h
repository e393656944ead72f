#pragma once
// Small text helpers the Qt tests share: writing and reading fixture files and
// looking for a substring in generated code.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sy::test {

/// Writes `text` to `path`, creating its folders (replaces the file).
inline void writeText(const std::filesystem::path &path, const std::string &text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

/// The whole of `path` ("" when it cannot be read).
inline std::string readText(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Whether `haystack` holds `needle`.
inline bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace sy::test
