#include "cloudeventlayout.h"

#include "framing.h"
#include "wirecheck.h"

#include "cloudevents.pb.h"

#include <array>
#include <vector>

namespace eventscope::importers::protobuf {
namespace {

// Enough records to tell layouts apart, few enough to stay cheap on a big file.
constexpr int recordsToTry = 4;
// Trying the whole file as one message is bounded: a larger file is taken as a sequence.
constexpr qint64 singleMessageProbeLimit = 64 << 20;
constexpr quint32 batchEventsField = 1;

// How well one reading of the bytes fits. A layout scores 1 when at least one of the records it
// frames parses (a bad record inside a good file is the reader's
// to reject, so one is not held against the layout); records that parse without unknown fields
// add 1 (a misreading tends to produce fields CloudEvent does not have); a record carrying all
// four required attributes adds 2 (a misreading essentially never produces one).
struct Fit
{
    int score = 0;
    bool complete = false;
};

struct RecordFit
{
    bool parses = false;
    bool judged = false; // parsed fully, so clean and complete say something
    bool clean = false;
    bool complete = false;
};

RecordFit tryRecord(const QByteArray& bytes)
{
    RecordFit fit;
    const WireProblem problem = checkWireFormat(*io::cloudevents::v1::CloudEvent::descriptor(), bytes);
    if (problem.kind == WireProblem::Kind::Malformed)
        return fit;
    fit.parses = true;
    // Invalid UTF-8 is the record's fault, not the layout's: the reader rejects that record, and
    // it counts neither for nor against the layout.
    if (problem.kind == WireProblem::Kind::InvalidUtf8)
        return fit;
    io::cloudevents::v1::CloudEvent event;
    if (!event.ParseFromArray(bytes.constData(), int(bytes.size()))) {
        fit.parses = false;
        return fit;
    }
    fit.judged = true;
    fit.clean = event.GetReflection()->GetUnknownFields(event).empty();
    fit.complete = !event.id().empty() && !event.source().empty() && !event.spec_version().empty() &&
                   !event.type().empty();
    return fit;
}

Fit scoreRecords(const std::vector<RecordFit>& records)
{
    int parsed = 0;
    int judged = 0;
    int clean = 0;
    int complete = 0;
    for (const RecordFit& r : records) {
        parsed += r.parses ? 1 : 0;
        judged += r.judged ? 1 : 0;
        clean += r.clean ? 1 : 0;
        complete += r.complete ? 1 : 0;
    }
    if (parsed == 0)
        return {};
    Fit fit;
    fit.complete = complete > 0;
    fit.score = 1 + (judged > 0 && clean == judged ? 1 : 0) + (fit.complete ? 2 : 0);
    return fit;
}

Fit trySequence(QIODevice& device, CloudEventLayout layout)
{
    device.seek(0);
    FramedInput in(device);
    std::vector<RecordFit> records;
    for (int i = 0; i < recordsToTry; ++i) {
        const Frame frame =
            layout == CloudEventLayout::Batch ? in.nextFieldEntry(batchEventsField) : in.nextDelimited();
        if (frame.status == Frame::Status::End)
            break;
        // Framing that breaks ends the trial: the records before it decide. A misreading rarely
        // gets a record through; a real file may be truncated (or the head that detect() sees
        // cut short), or carry a broken record that the reader will report.
        if (frame.status == Frame::Status::Error)
            break;
        records.push_back(tryRecord(frame.bytes));
    }
    return scoreRecords(records);
}

Fit trySingle(QIODevice& device)
{
    device.seek(0);
    FramedInput in(device);
    const Frame frame = in.readRest(singleMessageProbeLimit);
    if (frame.status != Frame::Status::Record)
        return {};
    return scoreRecords({tryRecord(frame.bytes)});
}

} // namespace

std::optional<CloudEventLayoutGuess> guessCloudEventLayout(QIODevice& device)
{
    if (device.size() == 0)
        return CloudEventLayoutGuess{CloudEventLayout::Batch, true};
    // Tried in this order, and on a tie the earlier wins: a batch is what the spec defines for
    // many events, and a single event is the rarest in files worth exploring.
    const std::array layouts = {CloudEventLayout::Batch, CloudEventLayout::Delimited,
                                CloudEventLayout::Single};
    std::optional<CloudEventLayoutGuess> best;
    int bestScore = 0;
    for (const CloudEventLayout layout : layouts) {
        const Fit fit = layout == CloudEventLayout::Single ? trySingle(device) : trySequence(device, layout);
        if (fit.score > bestScore) {
            bestScore = fit.score;
            best = CloudEventLayoutGuess{layout, fit.complete};
        }
    }
    device.seek(0);
    return best;
}

QString describeLayout(CloudEventLayout layout)
{
    switch (layout) {
    case CloudEventLayout::Batch:
        return QStringLiteral("a CloudEventBatch");
    case CloudEventLayout::Delimited:
        return QStringLiteral("length-delimited CloudEvent messages");
    case CloudEventLayout::Single:
        return QStringLiteral("one CloudEvent message");
    }
    return {};
}

} // namespace eventscope::importers::protobuf
