#pragma once

#include "event.h"

#include <QByteArray>
#include <QString>
#include <QStringDecoder>

#include <limits>
#include <vector>

namespace eventscope::script {

// Events as runtime.js reads them: one string holding every event's strings back to back (stream,
// type, timestamp, id, causation id, correlation id, data, metadata; data and metadata as the JSON
// text stored, never re-encoded), and per event numbersPerEvent doubles, sent as an ArrayBuffer:
//
//   0 position, 1 stream version, 2 schema version, 3 partition slot (-1: none), 4 handler index
//   (-1: $any), 5..12 where each string starts in the text, 13 where the event's strings end.
//
// The timestamp is ISO-8601 UTC with milliseconds, as Date.prototype.toISOString writes it.
//
// Why: in Qt 6.4's engine JSON.parse costs about 0.25 µs per object member, QJSValue::setProperty
// about as much, and every string made a few hundred nanoseconds (split() included). Numbers in an
// ArrayBuffer cost nothing to hand over, and the script cuts a string out of the text only when a
// handler reads that field.
class EventBatch
{
public:
    static constexpr int numbersPerEvent = 14;

    void clear();
    void append(const Event& event, int slot = -1, int handler = -1);

    qsizetype count() const { return m_count; }
    // Copies: the engine may keep them after the call.
    QString text() const { return QString(reinterpret_cast<const QChar*>(m_text.data()), m_size); }
    QByteArray numbers() const
    {
        if (m_numbers
                .empty()) // a null QByteArray reaches the engine as an unusable value, not an ArrayBuffer
            return QByteArrayLiteral("");
        return QByteArray(reinterpret_cast<const char*>(m_numbers.data()),
                          qsizetype(m_numbers.size() * sizeof(double)));
    }

private:
    QChar* reserve(qsizetype extra);
    QChar* writeUtf8(QChar* out, const QByteArray& text);
    QChar* writeTimestamp(QChar* out, qint64 micros);

    std::vector<char16_t> m_text; // grown, never shrunk: the batches of a replay are alike
    qsizetype m_size = 0;         // characters of m_text in use; the rest is room to write into
    std::vector<double> m_numbers;
    qsizetype m_count = 0;
    QStringDecoder m_decoder{QStringDecoder::Utf8, QStringDecoder::Flag::Stateless};
    // Consecutive events mostly share their day: its "YYYY-MM-DD" is kept.
    qint64 m_cachedDay = std::numeric_limits<qint64>::min();
    char m_cachedDate[16] = {};
    int m_cachedDateLength = 0;
};

} // namespace eventscope::script
