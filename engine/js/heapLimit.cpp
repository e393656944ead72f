#include "js/heapLimit.h"

#include <v8.h>

#include <algorithm>
#include <cstdio>

namespace sy {

struct HeapLimit::Callbacks {
    static void gcEpilogue(v8::Isolate *, v8::GCType, v8::GCCallbackFlags, void *data)
    {
        static_cast<HeapLimit *>(data)->afterGc();
    }

    // V8's own limit was reached (far above ours unless the overrun came in
    // one huge step): report it and give V8 room to finish while the isolate
    // is terminated, instead of the fatal "JavaScript heap out of memory".
    static size_t nearHeapLimit(void *data, size_t current, size_t)
    {
        static_cast<HeapLimit *>(data)->exceeded("at V8's own heap limit", current);
        return current + std::max<size_t>(current / 2, 256u << 20);
    }

    static void interrupt(v8::Isolate *, void *data)
    {
        auto *self = static_cast<HeapLimit *>(data);
        self->m_interruptPending = false;
        self->midTurnCheck();
    }
};

HeapLimit::HeapLimit(size_t limitBytes, std::function<bool()> onExceeded)
    : m_limit(limitBytes), m_onExceeded(std::move(onExceeded))
{
}

HeapLimit::~HeapLimit() = default;

void HeapLimit::attach(v8::Isolate *isolate)
{
    if (m_limit == 0)
        return;
    m_fired = false;
    m_suspect = false;
    m_lastTurnLiveBytes = 0;
    m_lastMidTurnLiveBytes = 0;
    m_interruptPending = false;
    isolate->AddGCEpilogueCallback(&Callbacks::gcEpilogue, this);
    isolate->AddNearHeapLimitCallback(&Callbacks::nearHeapLimit, this);
    std::lock_guard lock(m_mutex);
    m_isolate = isolate;
}

void HeapLimit::detach()
{
    v8::Isolate *isolate;
    {
        std::lock_guard lock(m_mutex);
        isolate = m_isolate;
        m_isolate = nullptr;
    }
    if (!isolate)
        return;
    isolate->RemoveGCEpilogueCallback(&Callbacks::gcEpilogue, this);
    isolate->RemoveNearHeapLimitCallback(&Callbacks::nearHeapLimit, 0);
}

void HeapLimit::requestCheck()
{
    m_checkDue = true; // looked at by the next turn boundary
    std::lock_guard lock(m_mutex);
    if (!m_isolate || m_interruptPending.exchange(true))
        return;
    m_isolate->RequestInterrupt(&Callbacks::interrupt, this);
}

size_t HeapLimit::midTurnLimit() const
{
    return std::max(kMidTurnFactor * m_limit, kMidTurnFloor);
}

size_t HeapLimit::usedBytes() const
{
    v8::HeapStatistics stats;
    m_isolate->GetHeapStatistics(&stats);
    return stats.used_heap_size() + stats.external_memory();
}

size_t HeapLimit::collectAndMeasure()
{
    // Several full GCs; the ArrayBuffer sweeper of one finishes before the next.
    m_isolate->LowMemoryNotification();
    // Sweeping goes on concurrently after a GC, and until a page is swept its
    // garbage still counts as used: walking the heap for code statistics
    // makes V8 finish sweeping first (Heap::MakeHeapIterable).
    v8::HeapCodeStatistics code;
    m_isolate->GetHeapCodeAndMetadataStatistics(&code);
    return usedBytes();
}

void HeapLimit::afterGc()
{
    if (!m_isolate || m_fired || m_measuring)
        return;
    const size_t bytes = usedBytes();
    if (bytes > m_limit && bytes >= m_lastTurnLiveBytes + m_limit / 4)
        m_suspect = true; // measured at the next turn boundary
    // Far over, mid-turn: an allocation loop that may never yield.
    if (bytes > midTurnLimit() && bytes >= m_lastMidTurnLiveBytes + m_limit / 2 &&
        !m_interruptPending.exchange(true))
        m_isolate->RequestInterrupt(&Callbacks::interrupt, this);
}

void HeapLimit::midTurnCheck()
{
    if (!m_isolate || m_fired || m_measuring)
        return;
    const size_t bytes = usedBytes();
    if (bytes > m_limit && bytes >= m_lastTurnLiveBytes + m_limit / 4)
        m_suspect = true;
    if (bytes <= midTurnLimit() || bytes < m_lastMidTurnLiveBytes + m_limit / 2)
        return;
    m_measuring = true;
    m_lastMidTurnLiveBytes = collectAndMeasure();
    m_measuring = false;
    if (m_lastMidTurnLiveBytes > midTurnLimit())
        exceeded("live in the middle of a turn", m_lastMidTurnLiveBytes);
}

void HeapLimit::atTurnBoundary()
{
    if (!m_isolate || m_fired || m_measuring)
        return;
    if (m_checkDue.exchange(false)) {
        const size_t bytes = usedBytes();
        if (bytes > m_limit && bytes >= m_lastTurnLiveBytes + m_limit / 4)
            m_suspect = true;
    }
    if (!m_suspect)
        return;
    m_suspect = false;
    m_measuring = true;
    m_lastTurnLiveBytes = collectAndMeasure();
    m_measuring = false;
    if (m_lastTurnLiveBytes > m_limit)
        exceeded("live between turns", m_lastTurnLiveBytes);
}

void HeapLimit::exceeded(const char *where, size_t bytes)
{
    if (m_fired || !m_onExceeded || !m_onExceeded())
        return;
    m_fired = true;
    // The one line that says why (the requests only get the limit).
    std::fprintf(stderr, "[worker] memory limit %zu MB: %zu MB %s\n", m_limit >> 20, bytes >> 20,
                 where);
}

} // namespace sy
