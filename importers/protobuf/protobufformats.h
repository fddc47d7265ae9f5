#pragma once

#include "reader.h"
#include "writer.h"

#include <memory>
#include <vector>

namespace eventscope::importers {

// The protobuf readers, for the registry: CloudEvents protobuf ("cloudevents-proto"), delimited
// envelopes ("delimited-proto") and delimited messages of a user type decoded through a
// descriptor set ("delimited-message").
std::vector<std::unique_ptr<FormatReader>> protobufReaders();

// The protobuf exports: a CloudEventBatch ("cloudevents-proto") and delimited envelopes
// ("delimited-proto").
std::vector<std::unique_ptr<ExportFormat>> protobufExportFormats();

} // namespace eventscope::importers
