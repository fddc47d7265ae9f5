#pragma once

#include "event.h"
#include "subjectpattern.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace eventscope::importers::live {

// One JetStream message, copied out of the client library.
struct NatsMessage
{
    QString subject;
    qint64 sequence = 0; // the stream sequence: the source position
    qint64 timeUs = 0;   // when the server stored it
    std::vector<std::pair<QString, QString>> headers;
    QByteArray data;
};

// How a message becomes an envelope. Three kinds of payload, told apart by the headers:
// - CloudEvents, structured mode (content-type application/cloudevents+json): the body is one
//   CloudEvent in JSON, mapped as the CloudEvents importer maps it;
// - CloudEvents, binary mode (a ce-specversion header): the attributes are the ce-* headers, the
//   data the body, its content type the content-type header; the same mapping;
// - anything else: plain JSON. type = the header "type" when there is one, else the subject's last
//   token; id = the Nats-Msg-Id header (JetStream's own dedupe id), else "<STREAM>:<sequence>".
// In every kind: the stream is the subject pattern's stream when one is given (a subject that
// does not match it is a bad message), else CloudEvents' own (subject, else source) or the NATS
// subject; time = the CloudEvent's time, else when JetStream stored it; metadata = {"subject": ...,
// "headers": {...}} plus, for CloudEvents, what the mapping keeps.
struct NatsMapping
{
    QString jetStream; // the stream's name, for ids
    std::optional<SubjectPattern> pattern;

    struct Result
    {
        Event event;
        QString error;   // non-empty: the message yields no event
        QString warning; // non-empty: the event is kept, with this remark
    };
    Result convert(const NatsMessage& message) const;
};

} // namespace eventscope::importers::live
