#pragma once
// Requests per second over a sliding window, from the journal's "request"
// events (their timeMs: when the request finished).
#include <QtGlobal>
#include <deque>

namespace sy {

class RequestRate {
public:
    explicit RequestRate(qint64 windowMs = 5000) : m_windowMs(windowMs) {}

    /// One request finished at `timeMs` (ms since the epoch).
    void add(qint64 timeMs) { m_times.push_back(timeMs); }
    /// Requests per second in the window ending at `nowMs`; drops older ones.
    double rate(qint64 nowMs);
    void clear() { m_times.clear(); }

private:
    qint64 m_windowMs;
    std::deque<qint64> m_times;
};

} // namespace sy
