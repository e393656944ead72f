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
