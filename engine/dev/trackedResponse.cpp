#include "dev/trackedResponse.h"

#include "env/environment.h"

#include <cstdio>

namespace sy {

TrackedResponse::TrackedResponse(std::shared_ptr<ResponseWriter> inner, Done done)
    : m_inner(std::move(inner)), m_done(std::move(done))
{
}

TrackedResponse::~TrackedResponse()
{
    // Dropped without end/fail: the inner writer answers 500 or closes.
    finish(false, m_status ? m_status : 500);
}

void TrackedResponse::writeHead(int status, std::vector<HttpHeader> headers)
{
    {
        std::lock_guard lock(m_mutex);
        m_status = status;
    }
    m_inner->writeHead(status, std::move(headers));
}

void TrackedResponse::writeChunk(std::string_view bytes)
{
    m_inner->writeChunk(bytes);
}

void TrackedResponse::end()
{
    m_inner->end();
    finish(false, m_status ? m_status : 200);
}

void TrackedResponse::fail(std::string_view message)
{
    bool headSent = false;
    {
        std::lock_guard lock(m_mutex);
        headSent = m_status != 0;
    }
    if (!headSent && message.find(kReoptimizeMarker) != std::string_view::npos) {
        finish(true, 0);
        return;
    }
    m_inner->fail(message);
    finish(false, headSent ? m_status : 500, std::string(message));
}

void TrackedResponse::finish(bool replay, int status, const std::string &failure)
{
    Done done;
    {
        std::lock_guard lock(m_mutex);
        if (m_finished)
            return;
        m_finished = true;
        done = std::move(m_done);
    }
    if (!done)
        return;
    // finish() runs on worker and I/O threads and in the destructor: nothing may escape it.
    try {
        done(replay, status, failure);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "[switchyard] finishing a request failed: %s\n", error.what());
    } catch (...) {
        std::fprintf(stderr, "[switchyard] finishing a request failed\n");
    }
}

} // namespace sy
