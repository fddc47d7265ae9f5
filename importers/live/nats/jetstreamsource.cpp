#include "jetstreamsource.h"

#include "liveerror.h"
#include "stopsignal.h"

#include <nats/nats.h>

#include <algorithm>

namespace eventscope::importers::live {

JetStreamSource::JetStreamSource(SourceUrl url)
    : m_url(std::move(url)), m_stream(m_url.parameter(QStringLiteral("stream"))),
      m_subjects(m_url.parameter(QStringLiteral("subjects")))
{
    m_mapping.jetStream = m_stream;
    if (const QString pattern = m_url.parameter(QStringLiteral("subject_stream")); !pattern.isEmpty())
        m_mapping.pattern.emplace(pattern, m_url.parameter(QStringLiteral("category")));
}

JetStreamSource::~JetStreamSource()
{
    disconnect();
}

QString JetStreamSource::label() const
{
    return QStringLiteral("%1@%2:%3 (jetstream)").arg(m_stream, m_url.host).arg(m_url.port);
}

void JetStreamSource::fail(const QString& what, int status, bool transient) const
{
    QString detail = QString::fromUtf8(natsStatus_GetText(natsStatus(status)));
    if (const char* last = nats_GetLastError(nullptr); last && *last)
        detail = QString::fromUtf8(last);
    throw LiveError(QStringLiteral("%1: %2: %3").arg(label(), what, detail),
                    transient ? LiveError::Kind::Transient : LiveError::Kind::Permanent);
}

void JetStreamSource::connect()
{
    disconnect();
    natsOptions* options = nullptr;
    natsStatus s = natsOptions_Create(&options);
    const QByteArray server = QStringLiteral("nats://%1:%2").arg(m_url.host).arg(m_url.port).toUtf8();
    if (s == NATS_OK)
        s = natsOptions_SetURL(options, server.constData());
    if (s == NATS_OK)
        s = natsOptions_SetTimeout(options, 5000);
    // The follower reconnects, resuming from its checkpoint: one place that does it.
    if (s == NATS_OK)
        s = natsOptions_SetAllowReconnect(options, false);
    if (s == NATS_OK)
        s = natsConnection_Connect(&m_conn, options);
    natsOptions_Destroy(options);
    if (s != NATS_OK)
        fail(QStringLiteral("cannot connect"), s, true);
    s = natsConnection_JetStream(&m_js, m_conn, nullptr);
    if (s != NATS_OK)
        fail(QStringLiteral("no JetStream context"), s, true);
    jsStreamInfo* info = nullptr;
    jsErrCode code = jsErrCode(0);
    s = js_GetStreamInfo(&info, m_js, m_stream.toUtf8().constData(), nullptr, &code);
    if (s != NATS_OK) {
        if (code == JSStreamNotFoundErr || s == NATS_NOT_FOUND)
            throw LiveError(
                QStringLiteral("%1: no JetStream stream %2 on this server").arg(label(), m_stream));
        fail(QStringLiteral("cannot read stream %1").arg(m_stream), s, true);
    }
    if (m_subjects.isEmpty()) {
        QStringList subjects;
        for (int i = 0; info->Config && i < info->Config->SubjectsLen; ++i)
            subjects << QString::fromUtf8(info->Config->Subjects[i]);
        jsStreamInfo_Destroy(info);
        if (subjects.size() != 1)
            throw LiveError(
                QStringLiteral("%1: stream %2 has the subjects %3: name the ones to read with subjects=")
                    .arg(label(), m_stream, subjects.join(QStringLiteral(", "))));
        m_subjects = subjects.first();
    } else {
        jsStreamInfo_Destroy(info);
    }
}

void JetStreamSource::unsubscribe()
{
    if (m_peeked) {
        natsMsg_Destroy(m_peeked);
        m_peeked = nullptr;
    }
    if (m_sub) {
        natsSubscription_Unsubscribe(m_sub);
        natsSubscription_Destroy(m_sub);
        m_sub = nullptr;
    }
    m_nextSequence = 0;
    m_pending = 0;
}

void JetStreamSource::disconnect()
{
    unsubscribe();
    if (m_js) {
        jsCtx_Destroy(m_js);
        m_js = nullptr;
    }
    if (m_conn) {
        natsConnection_Destroy(m_conn);
        m_conn = nullptr;
    }
    if (!m_url.parameters.contains(QStringLiteral("subjects")))
        m_subjects.clear(); // looked up again at connect
}

void JetStreamSource::subscribe(qint64 fromSequence)
{
    unsubscribe();
    if (!m_js)
        fail(QStringLiteral("not connected"), NATS_CONNECTION_CLOSED, true);
    jsSubOptions options;
    jsSubOptions_Init(&options);
    const QByteArray stream = m_stream.toUtf8();
    options.Stream = stream.constData();
    options.Ordered = true;
    options.Config.DeliverPolicy = js_DeliverByStartSequence;
    options.Config.OptStartSeq = quint64(std::max<qint64>(fromSequence, 1));
    jsErrCode code = jsErrCode(0);
    natsStatus s = js_SubscribeSync(&m_sub, m_js, m_subjects.toUtf8().constData(), nullptr, &options, &code);
    if (s != NATS_OK)
        fail(QStringLiteral("cannot read %1 from sequence %2").arg(m_subjects).arg(fromSequence), s, true);
    jsConsumerInfo* info = nullptr;
    s = natsSubscription_GetConsumerInfo(&info, m_sub, nullptr, &code);
    if (s != NATS_OK)
        fail(QStringLiteral("cannot read the consumer's state"), s, true);
    // What the consumer already pushed (it may not have reached this client yet) and what it holds:
    // NumPending alone would miss a message in flight and take the stream for read to its end.
    m_pending = info->Delivered.Consumer + info->NumPending;
    jsConsumerInfo_Destroy(info);
    m_nextSequence = std::max<qint64>(fromSequence, 1);
}

natsMsg* JetStreamSource::nextMessage(qint64 timeoutMs)
{
    if (m_peeked)
        return std::exchange(m_peeked, nullptr);
    natsMsg* message = nullptr;
    const natsStatus s = natsSubscription_NextMsg(&message, m_sub, timeoutMs);
    if (s == NATS_TIMEOUT)
        return nullptr;
    if (s != NATS_OK)
        fail(QStringLiteral("reading %1").arg(m_subjects), s, true);
    return message;
}

LiveBatch JetStreamSource::read(qint64 afterPosition, int maxEvents)
{
    LiveBatch batch;
    batch.lastPosition = afterPosition;
    if (!m_sub || m_nextSequence != afterPosition + 1)
        subscribe(afterPosition + 1);
    while (batch.rows < maxEvents) {
        natsMsg* message = nextMessage(m_pending > 0 ? pendingTimeoutMs : 0);
        if (!message) {
            if (m_pending > 0)
                throw LiveError(QStringLiteral("%1: no message in %2 s though the consumer holds %3")
                                    .arg(label())
                                    .arg(pendingTimeoutMs / 1000)
                                    .arg(m_pending),
                                LiveError::Kind::Transient);
            break;
        }
        jsMsgMetaData* meta = nullptr;
        if (natsMsg_GetMetaData(&meta, message) != NATS_OK) {
            natsMsg_Destroy(message);
            fail(QStringLiteral("a message without JetStream metadata"), NATS_ERR, true);
        }
        NatsMessage copy;
        copy.subject = QString::fromUtf8(natsMsg_GetSubject(message));
        copy.sequence = qint64(meta->Sequence.Stream);
        copy.timeUs = meta->Timestamp / 1000;
        copy.data = QByteArray(natsMsg_GetData(message), natsMsg_GetDataLength(message));
        m_pending = meta->NumPending;
        jsMsgMetaData_Destroy(meta);
        const char** keys = nullptr;
        int keyCount = 0;
        if (natsMsgHeader_Keys(message, &keys, &keyCount) == NATS_OK) {
            for (int k = 0; k < keyCount; ++k) {
                const char** values = nullptr;
                int valueCount = 0;
                if (natsMsgHeader_Values(message, keys[k], &values, &valueCount) == NATS_OK) {
                    for (int v = 0; v < valueCount; ++v)
                        copy.headers.emplace_back(QString::fromUtf8(keys[k]), QString::fromUtf8(values[v]));
                    free(const_cast<char**>(values));
                }
            }
            free(const_cast<char**>(keys));
        }
        natsMsg_Destroy(message);
        m_nextSequence = copy.sequence + 1;
        batch.lastPosition = copy.sequence;
        ++batch.rows;
        auto converted = m_mapping.convert(copy);
        const QString place = QStringLiteral("sequence %1").arg(copy.sequence);
        if (!converted.error.isEmpty()) {
            batch.errors.push_back({copy.sequence, place, converted.error});
            continue;
        }
        if (!converted.warning.isEmpty())
            batch.warnings.push_back({copy.sequence, place, converted.warning});
        batch.events.push_back({copy.sequence, std::move(converted.event)});
        if (m_pending == 0)
            break; // caught up for now: what comes next is waited for
    }
    return batch;
}

qint64 JetStreamSource::headPosition()
{
    if (!m_js)
        fail(QStringLiteral("not connected"), NATS_CONNECTION_CLOSED, true);
    jsStreamInfo* info = nullptr;
    const natsStatus s = js_GetStreamInfo(&info, m_js, m_stream.toUtf8().constData(), nullptr, nullptr);
    if (s != NATS_OK)
        fail(QStringLiteral("cannot read stream %1").arg(m_stream), s, true);
    const qint64 last = qint64(info->State.LastSeq);
    jsStreamInfo_Destroy(info);
    return last;
}

bool JetStreamSource::waitForChange(std::chrono::milliseconds timeout, StopSignal& stop)
{
    if (m_peeked)
        return true;
    if (!m_sub)
        return true; // the next read subscribes
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!stop.requested()) {
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (remaining.count() <= 0)
            return false;
        // The consumer wakes this at once on a message; the stop request is looked at every slice.
        m_peeked = nextMessage(std::min(remaining, StopSignal::checkSlice).count());
        if (m_peeked)
            return true;
        if (natsConnection_Status(m_conn) != NATS_CONN_STATUS_CONNECTED)
            fail(QStringLiteral("connection lost"), NATS_CONNECTION_CLOSED, true);
    }
    return false;
}

} // namespace eventscope::importers::live
