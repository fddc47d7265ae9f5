#include "protobufformats.h"

#include "cloudeventsprotoexport.h"
#include "cloudeventsprotoreader.h"
#include "delimitedenvelopeexport.h"
#include "delimitedenvelopereader.h"
#include "delimitedmessagereader.h"

namespace eventscope::importers {

std::vector<std::unique_ptr<FormatReader>> protobufReaders()
{
    std::vector<std::unique_ptr<FormatReader>> readers;
    readers.push_back(std::make_unique<protobuf::CloudEventsProtoReader>());
    readers.push_back(std::make_unique<protobuf::DelimitedEnvelopeReader>());
    readers.push_back(std::make_unique<protobuf::DelimitedMessageReader>());
    return readers;
}

std::vector<std::unique_ptr<ExportFormat>> protobufExportFormats()
{
    std::vector<std::unique_ptr<ExportFormat>> formats;
    formats.push_back(std::make_unique<protobuf::CloudEventsProtoExport>());
    formats.push_back(std::make_unique<protobuf::DelimitedEnvelopeExport>());
    return formats;
}

} // namespace eventscope::importers
