#pragma once

#include "reader.h"

#include <QHash>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace eventscope::importers {

// What a reader produced since the last hand-over: parsed events with their places, and problems.
// Stream and type names are interned on the reader thread: each record carries small keys, and a
// name comes over once, in the batch where it first occurs (keys count from 0 in that order), so
// that the writer thread resolves each name once instead of hashing it for every event.
struct RecordBatch
{
    struct Record
    {
        Event event; // its stream and type are left empty: streamKey and typeKey name them
        RecordPlace place;
        int streamKey = 0;
        int typeKey = 0;
    };
    struct Issue
    {
        RecordIssue issue;
        bool isWarning = false;
    };
    std::vector<Record> events;
    std::vector<QString> newStreams; // the names of the next stream keys, in key order
    std::vector<QString> newTypes;
    std::vector<Issue> issues;
    qint64 bytesRead = 0; // the reader's position in its file after this batch
};

// A bounded hand-over between the reader thread (parse and map) and the writer thread (insert):
// on two cores the two halves of an import overlap, and the bound keeps memory flat.
class RecordQueue
{
public:
    explicit RecordQueue(size_t capacity) : m_capacity(capacity) {}

    // Blocks while the queue is full; false when the consumer has cancelled.
    bool push(RecordBatch&& batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_cancelled || m_batches.size() < m_capacity; });
        if (m_cancelled)
            return false;
        m_batches.push_back(std::move(batch));
        m_notEmpty.notify_one();
        return true;
    }

    // Blocks until a batch arrives; nothing once the producer closed the queue and it is drained.
    std::optional<RecordBatch> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return m_cancelled || m_closed || !m_batches.empty(); });
        if (m_cancelled || m_batches.empty())
            return std::nullopt;
        RecordBatch batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_notFull.notify_one();
        return batch;
    }

    // A batch the consumer is done with goes back to the producer, which empties it on its own
    // thread (freeing a batch's strings is a good part of the writer's work otherwise) and fills
    // it again, its vectors already grown.
    void recycle(RecordBatch&& batch)
    {
        std::lock_guard lock(m_mutex);
        if (m_spent.size() < m_capacity + 2)
            m_spent.push_back(std::move(batch));
    }
    std::optional<RecordBatch> takeSpent()
    {
        std::lock_guard lock(m_mutex);
        if (m_spent.empty())
            return std::nullopt;
        RecordBatch batch = std::move(m_spent.front());
        m_spent.pop_front();
        return batch;
    }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }

    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_batches.clear();
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }

    bool isCancelled()
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<RecordBatch> m_batches;
    std::deque<RecordBatch> m_spent;
    size_t m_capacity;
    bool m_closed = false;
    bool m_cancelled = false;
};

// The EventSink a reader writes to on its own thread: collects records into batches and hands
// them over. Returns false to the reader once the consumer cancelled.
class QueueSink final : public EventSink
{
public:
    explicit QueueSink(RecordQueue& queue) : m_queue(queue) {}

    bool event(Event&& e, const RecordPlace& place) override
    {
        const int stream = intern(m_streamKeys, e.stream, m_batch.newStreams);
        const int type = intern(m_typeKeys, e.type, m_batch.newTypes);
        // Released here rather than on the writer thread, which is the busier one.
        e.stream = QString();
        e.type = QString();
        m_batch.events.push_back({std::move(e), place, stream, type});
        return m_batch.events.size() < batchSize || handOver();
    }
    bool rejected(const RecordIssue& issue) override
    {
        m_batch.issues.push_back({issue, false});
        // Hand problems over at once: a --strict import stops at the first one.
        return handOver();
    }
    void warning(const RecordIssue& issue) override { m_batch.issues.push_back({issue, true}); }
    bool progress(qint64 bytesRead) override
    {
        m_batch.bytesRead = bytesRead;
        return !m_queue.isCancelled();
    }
    void note(const QString& text) override { m_note = text; }

    bool handOver()
    {
        if (m_batch.events.empty() && m_batch.issues.empty() && m_batch.newStreams.empty() &&
            m_batch.newTypes.empty())
            return !m_queue.isCancelled();
        const qint64 bytes = m_batch.bytesRead;
        const bool accepted = m_queue.push(std::move(m_batch));
        if (auto spent = m_queue.takeSpent()) {
            m_batch = std::move(*spent);
            m_batch.events.clear();
            m_batch.newStreams.clear();
            m_batch.newTypes.clear();
            m_batch.issues.clear();
        } else {
            m_batch = RecordBatch();
            m_batch.events.reserve(batchSize);
        }
        m_batch.bytesRead = bytes;
        return accepted;
    }
    QString note() const { return m_note; }

private:
    static int intern(QHash<QString, int>& keys, const QString& name, std::vector<QString>& newNames)
    {
        if (const auto it = keys.constFind(name); it != keys.constEnd())
            return *it;
        const int key = int(keys.size());
        keys.insert(name, key);
        newNames.push_back(name);
        return key;
    }

    // Small batches: the writer reads each event while the reader's writes to it are still in the
    // CPU caches. 128 events a batch (4 in the queue) against 2048: CPU 12.7-14.4 -> 10.3-12.6 s
    // for 1M events (alternated runs); 64, 256 and 512 were slower.
    static constexpr size_t batchSize = 128;
    RecordQueue& m_queue;
    QHash<QString, int> m_streamKeys;
    QHash<QString, int> m_typeKeys;
    RecordBatch m_batch;
    QString m_note;
};

} // namespace eventscope::importers
