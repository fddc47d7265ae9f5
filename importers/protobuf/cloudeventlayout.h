#pragma once

#include <QIODevice>
#include <QString>

#include <optional>

namespace eventscope::importers::protobuf {

// The three ways a file holds CloudEvents in protobuf.
enum class CloudEventLayout
{
    Batch,     // one io.cloudevents.v1.CloudEventBatch
    Delimited, // varint-length-prefixed CloudEvent messages
    Single     // one CloudEvent message
};

struct CloudEventLayoutGuess
{
    CloudEventLayout layout = CloudEventLayout::Batch;
    bool complete = false; // a record tried carries id, source, specversion and type
};

// Decides the layout from content by trying each (the bytes alone cannot tell: a batch entry's tag
// 0x0A is also a single event's `id` tag, and also the length prefix of a 10-byte delimited
// message). Reads the first few records from the start of the device; nullopt when no layout
// frames and parses. An empty device is an empty batch.
std::optional<CloudEventLayoutGuess> guessCloudEventLayout(QIODevice& device);

QString describeLayout(CloudEventLayout layout);

} // namespace eventscope::importers::protobuf
