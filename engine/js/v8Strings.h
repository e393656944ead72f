#pragma once
// Conversions between std strings and V8 strings (UTF-8), shared by the
// engine/js translation units. Internal header: includes <v8.h>.
#include <string>
#include <string_view>
#include <v8.h>

namespace sy::v8util {

/// A V8 string from UTF-8 bytes; the empty string if V8 refuses (too long).
inline v8::Local<v8::String> str(v8::Isolate *isolate, std::string_view s)
{
    return v8::String::NewFromUtf8(isolate, s.data(), v8::NewStringType::kNormal,
                                   static_cast<int>(s.size()))
        .FromMaybe(v8::String::Empty(isolate));
}

/// A one-byte external string's bytes, owned by the string: V8 disposes of them with it.
class OwnedOneByteSource final : public v8::String::ExternalOneByteStringResource {
public:
    explicit OwnedOneByteSource(std::string bytes) : m_bytes(std::move(bytes)) {}
    const char *data() const override { return m_bytes.data(); }
    size_t length() const override { return m_bytes.size(); }

private:
    std::string m_bytes;
};

/// True when every byte of `s` is ASCII (then UTF-8 and Latin-1 read it alike).
inline bool isAscii(std::string_view s)
{
    unsigned char any = 0;
    for (const char c : s) // vectorised by the compiler
        any |= static_cast<unsigned char>(c);
    return any < 0x80;
}

/// A module's source text as a V8 string, taking `code` (UTF-8). ASCII text of 1 KiB or more
/// (esbuild writes its bundles as ASCII) becomes an external string over the same bytes: no
/// decoding, no copy into the V8 heap (the module's every realm and isolate used to pay both,
/// and the page faults of a large new heap string). Other text is decoded as str() does.
inline v8::Local<v8::String> sourceString(v8::Isolate *isolate, std::string &&code)
{
    if (code.size() >= 1024 && code.size() < static_cast<size_t>(v8::String::kMaxLength) &&
        isAscii(code)) {
        auto *resource = new OwnedOneByteSource(std::move(code));
        v8::Local<v8::String> out;
        if (v8::String::NewExternalOneByte(isolate, resource).ToLocal(&out))
            return out;
        code = std::string(resource->data(), resource->length()); // refused: decode below
        delete resource;
    }
    return str(isolate, code);
}

/// A one-byte external string over bytes that outlive every isolate (a script built into the
/// binary); only this small object is deleted with the string.
class StaticOneByteSource final : public v8::String::ExternalOneByteStringResource {
public:
    explicit StaticOneByteSource(std::string_view bytes) : m_bytes(bytes) {}
    const char *data() const override { return m_bytes.data(); }
    size_t length() const override { return m_bytes.size(); }

private:
    std::string_view m_bytes;
};

/// A script built into the binary (static storage) as a V8 string: an external string over
/// the binary's own bytes when they are ASCII, else decoded as str() does.
inline v8::Local<v8::String> embeddedSource(v8::Isolate *isolate, std::string_view text)
{
    if (text.size() >= 1024 && isAscii(text)) {
        auto *resource = new StaticOneByteSource(text);
        v8::Local<v8::String> out;
        if (v8::String::NewExternalOneByte(isolate, resource).ToLocal(&out))
            return out;
        delete resource;
    }
    return str(isolate, text);
}

/// Any V8 value as UTF-8 (ToString semantics); empty if conversion throws.
inline std::string toStd(v8::Isolate *isolate, v8::Local<v8::Value> value)
{
    v8::String::Utf8Value utf8(isolate, value);
    return *utf8 ? std::string(*utf8, utf8.length()) : std::string();
}

/// A V8 string whose code units are `bytes` one to one (Latin-1): how the
/// fetch spec's ByteStrings (header names and values, methods) carry bytes
/// that are not UTF-8.
inline v8::Local<v8::String> byteString(v8::Isolate *isolate, std::string_view bytes)
{
    return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(bytes.data()),
                                      v8::NewStringType::kNormal, static_cast<int>(bytes.size()))
        .FromMaybe(v8::String::Empty(isolate));
}

/// A ByteString value back to its bytes (code units > 0xFF, which Headers
/// never hold, are cut to their low byte); empty if conversion throws.
inline std::string toBytes(v8::Isolate *isolate, v8::Local<v8::Value> value)
{
    v8::Local<v8::String> text;
    if (!value->ToString(isolate->GetCurrentContext()).ToLocal(&text))
        return {};
    std::string out(static_cast<size_t>(text->Length()), '\0');
    text->WriteOneByte(isolate, reinterpret_cast<uint8_t *>(out.data()), 0, text->Length(),
                       v8::String::NO_NULL_TERMINATION);
    return out;
}

} // namespace sy::v8util
