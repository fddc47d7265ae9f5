#pragma once

#include <QString>
#include <QtGlobal>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace eventscope::importers {

// One record as the parser saw it: fields unescaped, with whether each was quoted, because an
// empty quoted field ("") is an empty string while an empty unquoted one is null (PostgreSQL's
// COPY ... CSV convention, which Message DB and Marten exports follow). Valid until the next
// record; the parser reuses its buffers so that memory stays flat.
class CsvRecord
{
public:
    qint64 line() const { return m_line; } // the physical line where the record starts (1-based)
    qsizetype size() const { return qsizetype(m_fields.size()); }
    std::string_view field(qsizetype i) const;
    bool quoted(qsizetype i) const { return m_fields[size_t(i)].quoted; }

private:
    friend class CsvParser;
    struct FieldEnd
    {
        size_t end;
        bool quoted;
    };
    std::string m_text; // all fields back to back
    std::vector<FieldEnd> m_fields;
    qint64 m_line = 0;
};

// A record the parser could not read, at the exact place of its first problem.
struct CsvIssue
{
    qint64 line = 0;
    qint64 column = 0;   // 1-based, in characters (UTF-8 code points)
    qsizetype field = 0; // 0-based index of the field where the problem is
    QString reason;
};

// An RFC 4180 parser driven by chunks of any size: a byte-level state machine that keeps only the
// record in progress. Also accepts CR-only line ends and a UTF-8 BOM, skips blank lines, and
// validates UTF-8. A malformed record is reported once, at its first problem, and parsing resumes
// with the next record: quotes keep being tracked, so a quoted line end never starts a new record.
class CsvParser
{
public:
    class Handler
    {
    public:
        virtual ~Handler() = default;
        // Each returns false to stop parsing.
        virtual bool record(const CsvRecord& record) = 0;
        virtual bool malformed(const CsvIssue& issue) = 0;
    };

    static constexpr size_t defaultMaxRecordBytes = 64 * 1024 * 1024;

    // A record beyond maxRecordBytes is rejected and its bytes dropped as they come, which keeps
    // memory bounded even when an unterminated quote swallows the rest of a huge file.
    explicit CsvParser(char delimiter = ',', size_t maxRecordBytes = defaultMaxRecordBytes);

    // Parses the next bytes. Returns false when the handler asked to stop; the parser must not be
    // fed again then.
    bool feed(std::string_view bytes, Handler& handler);
    // The end of the input: a last record without a line end, an unterminated quote, a truncated
    // UTF-8 sequence.
    bool finish(Handler& handler);

private:
    enum class State
    {
        RecordStart, // nothing of the record yet: a line end here is a blank line
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted // a quote inside a quoted field: an escape ("") or the closing quote
    };

    bool step(unsigned char c, Handler& handler);
    size_t plainRun(std::string_view bytes, size_t from) const;
    bool checkUtf8(unsigned char c); // returns true for a continuation byte
    void append(unsigned char c);
    void endField();
    bool closeField(bool lineEnd, Handler& handler);
    bool endRecord(Handler& handler);
    void setError(qint64 line, qint64 column, const QString& reason);

    char m_delimiter;
    size_t m_maxRecordBytes;
    // Bytes that need no decision inside an unquoted or a quoted field: ASCII other than quotes,
    // line ends and (unquoted) the delimiter. Runs of them are copied at once.
    std::array<bool, 256> m_plainUnquoted{};
    std::array<bool, 256> m_plainQuoted{};
    State m_state = State::RecordStart;
    CsvRecord m_record;
    bool m_fieldQuoted = false;
    bool m_hasError = false;
    CsvIssue m_error;

    qint64 m_line = 1;
    qint64 m_column = 1;
    bool m_previousWasCr = false;
    qint64 m_quoteLine = 0; // where the open quoted field started
    qint64 m_quoteColumn = 0;

    int m_utf8Pending = 0; // continuation bytes still expected
    unsigned char m_utf8Low = 0x80;
    unsigned char m_utf8High = 0xBF;
    qint64 m_utf8Line = 0; // where the sequence in progress started
    qint64 m_utf8Column = 0;

    int m_bomMatched = 0;
    bool m_bomChecked = false;
};

} // namespace eventscope::importers
