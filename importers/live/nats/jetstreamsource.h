#pragma once

#include "livesource.h"
#include "natsmessage.h"
#include "sourceurl.h"

struct __natsConnection;
struct __natsSubscription;
struct __natsMsg;
struct __jsCtx;

namespace eventscope::importers::live {

// A NATS JetStream stream, read by stream sequence through an ordered consumer (ephemeral, no
// acks, flow control: the server pushes the messages in order and the client library recreates
// the consumer itself if one goes missing). The consumer starts at the sequence after the one
// asked for, so a follow resumes from its checkpoint. subjects= filters on the server; without it
// the stream's one subject is read (a stream with several asks for subjects=). Messages become
// envelopes through NatsMapping. Following waits on the consumer itself: a publish wakes it at
// once.
class JetStreamSource : public LiveSource
{
public:
    explicit JetStreamSource(SourceUrl url);
    ~JetStreamSource() override;
    JetStreamSource(const JetStreamSource&) = delete;
    JetStreamSource& operator=(const JetStreamSource&) = delete;

    QString url() const override { return m_url.canonical(); }
    QString label() const override;
    QString kind() const override { return QStringLiteral("nats/jetstream"); }

    void connect() override;
    void disconnect() override;
    LiveBatch read(qint64 afterPosition, int maxEvents) override;
    qint64 headPosition() override;
    bool waitForChange(std::chrono::milliseconds timeout, StopSignal& stop) override;

    // How long a read waits for a message the consumer says is pending before it gives up on
    // the connection (the follower then reconnects).
    static constexpr int pendingTimeoutMs = 5000;

private:
    void subscribe(qint64 fromSequence);
    void unsubscribe();
    // The next message: the one waitForChange() took, or one from the consumer within timeoutMs;
    // nullptr when none came.
    __natsMsg* nextMessage(qint64 timeoutMs);
    [[noreturn]] void fail(const QString& what, int status, bool transient) const;

    SourceUrl m_url;
    QString m_stream;
    QString m_subjects;
    NatsMapping m_mapping;
    __natsConnection* m_conn = nullptr;
    __jsCtx* m_js = nullptr;
    __natsSubscription* m_sub = nullptr;
    __natsMsg* m_peeked = nullptr;
    qint64 m_nextSequence = 0; // the sequence the subscription delivers next (0: none yet)
    quint64 m_pending = 0;     // messages the consumer still holds for us
};

} // namespace eventscope::importers::live
