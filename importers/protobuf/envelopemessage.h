#pragma once

#include "event.h"

#include "eventscope/v1/event.pb.h"

#include <QString>

namespace eventscope::importers::protobuf {

// eventscope.v1.Event -> envelope. Every field is taken verbatim, stream_version included (the
// proto field is the real version; an exporter writes -1 for "unassigned"), except:
// - schema_version 0 reads as 1: proto3 cannot tell an absent field from 0, and schema versions
//   start at 1;
// - position and source are left empty: they describe the workspace an event was stored in, and
//   the importing workspace assigns its own.
// Returns why the record is rejected (stream or type missing, data_json not JSON, metadata_json
// not a JSON object), empty when it is accepted.
QString eventFromMessage(const eventscope::v1::Event& message, Event& event);

// Envelope -> eventscope.v1.Event, every field verbatim.
void messageFromEvent(const Event& event, eventscope::v1::Event& message);

} // namespace eventscope::importers::protobuf
