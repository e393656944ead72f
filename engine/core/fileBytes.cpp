#include "core/fileBytes.h"

#include <fstream>
#include <sstream>

namespace sy {

std::string readFileBytes(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

bool writeFileBytes(const std::filesystem::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    return bool(out);
}

} // namespace sy
