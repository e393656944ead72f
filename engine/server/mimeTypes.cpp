#include "server/mimeTypes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace sy {

std::string_view mimeTypeFor(const std::filesystem::path &file)
{
    struct Entry {
        std::string_view extension;
        std::string_view type;
    };
    static constexpr std::array<Entry, 48> table{{
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".cjs", "text/javascript; charset=utf-8"},
        {".jsx", "text/javascript; charset=utf-8"},
        {".ts", "text/javascript; charset=utf-8"},
        {".tsx", "text/javascript; charset=utf-8"},
        {".mts", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".md", "text/markdown; charset=utf-8"},
        {".xml", "application/xml; charset=utf-8"},
        {".svg", "image/svg+xml; charset=utf-8"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".avif", "image/avif"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".otf", "font/otf"},
        {".wasm", "application/wasm"},
        {".pdf", "application/pdf"},
        {".mp4", "video/mp4"},
        {".webm", "video/webm"},
        {".mp3", "audio/mpeg"},
        {".wav", "audio/wav"},
        {".ogg", "audio/ogg"},
        {".zip", "application/zip"},
        // the rest of Vite's KNOWN_ASSET_TYPES
        {".apng", "image/apng"},
        {".bmp", "image/bmp"},
        {".jfif", "image/jpeg"},
        {".cur", "image/x-icon"},
        {".jxl", "image/jxl"},
        {".flac", "audio/flac"},
        {".aac", "audio/aac"},
        {".opus", "audio/ogg"},
        {".mov", "video/quicktime"},
        {".m4a", "audio/mp4"},
        {".vtt", "text/vtt; charset=utf-8"},
        {".eot", "application/vnd.ms-fontobject"},
    }};
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const Entry &entry : table) {
        if (entry.extension == extension)
            return entry.type;
    }
    return "application/octet-stream";
}

} // namespace sy
