#pragma once
// A ResponseWriter that drops everything: the completion sink of work queued
// on a worker isolate whose outcome nobody waits for (entry preloads; their
// errors show on the next request anyway).
#include "core/httpTypes.h"

namespace sy {

class DiscardedResponse : public ResponseWriter {
public:
    void writeHead(int, std::vector<HttpHeader>) override {}
    void writeChunk(std::string_view) override {}
    void end() override {}
    void fail(std::string_view) override {}
};

} // namespace sy
