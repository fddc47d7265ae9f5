#pragma once

#include <QString>

#include <stdexcept>

namespace eventscope::importers::live {

// A failure of a live source, with a message for the user. Transient failures (a locked
// database, a server that went away) are retried with backoff; the others end the follow.
class LiveError : public std::runtime_error
{
public:
    enum class Kind
    {
        Permanent,
        Transient
    };
    explicit LiveError(const QString& message, Kind kind = Kind::Permanent)
        : std::runtime_error(message.toStdString()), m_kind(kind)
    {}
    QString message() const { return QString::fromUtf8(what()); }
    bool isTransient() const { return m_kind == Kind::Transient; }

private:
    Kind m_kind;
};

} // namespace eventscope::importers::live
