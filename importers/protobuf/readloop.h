#pragma once

#include "framing.h"
#include "reader.h"

namespace eventscope::importers::protobuf {

// Drives a reader over framed records. next() yields the frames (FramedInput::nextDelimited or
// nextFieldEntry); handle(frame) turns one record into sink calls and returns false when the sink
// asked to stop. A framing error is reported as one rejected record and ends the read, Completed:
// after a bad length the next record's start is unknown, so the rest cannot be resynchronised,
// yet what was read before it is good. Progress is reported about every megabyte.
template <typename Next, typename Handle>
ReadResult readFrames(const FramedInput& in, EventSink& sink, Next next, Handle handle)
{
    constexpr qint64 progressStep = 1 << 20;
    qint64 reported = 0;
    while (true) {
        const Frame frame = next();
        if (frame.status == Frame::Status::End)
            break;
        if (frame.status == Frame::Status::Error) {
            if (!sink.rejected({RecordPlace::binary(frame.offset), frame.error}))
                return ReadResult::stopped();
            break;
        }
        if (!handle(frame))
            return ReadResult::stopped();
        if (in.offset() - reported >= progressStep) {
            reported = in.offset();
            if (!sink.progress(reported))
                return ReadResult::stopped();
        }
    }
    if (!sink.progress(in.offset()))
        return ReadResult::stopped();
    return ReadResult::completed();
}

} // namespace eventscope::importers::protobuf
