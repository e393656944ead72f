#pragma once
// A ResponseWriter wrapper that tells the dev server how a request ended:
// finished (end or fail, with its status) or to be replayed. A failure that
// carries kReoptimizeMarker before any byte of the response was sent means
// the request met a dependency being pre-bundled: it is not passed on, the
// request is replayed on the next generation instead (the server owns the
// whole request, POST body included, so nothing is lost).
#include "core/httpTypes.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace sy {

class TrackedResponse : public ResponseWriter {
public:
    /// `done(replay, status, failure)` runs exactly once: replay=true when the
    /// request must run again (the inner writer was not touched), else
    /// `status` is the status sent (500 for a failure before the head) and
    /// `failure` the message of fail() (empty after end()).
    /// An exception `done` throws is caught (and printed): it never reaches the writer's caller.
    using Done = std::function<void(bool replay, int status, const std::string &failure)>;
    TrackedResponse(std::shared_ptr<ResponseWriter> inner, Done done);
    ~TrackedResponse() override;

    void writeHead(int status, std::vector<HttpHeader> headers) override;
    void writeChunk(std::string_view bytes) override;
    void end() override;
    void fail(std::string_view message) override;

private:
    void finish(bool replay, int status, const std::string &failure = {});

    std::shared_ptr<ResponseWriter> m_inner;
    Done m_done;
    std::mutex m_mutex;
    int m_status = 0; ///< 0 until the head went out
    bool m_finished = false;
};

} // namespace sy
