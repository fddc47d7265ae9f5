#pragma once

#include "livesource.h"
#include "sourceurl.h"

#include <memory>

namespace eventscope::importers::live {

// The source a URL names, not yet connected. Throws LiveError for a URL that cannot be parsed
// or names a kind of store this build cannot follow (with the reason and the part at fault).
std::unique_ptr<LiveSource> createLiveSource(const QString& url);
std::unique_ptr<LiveSource> createLiveSource(const SourceUrl& url);

} // namespace eventscope::importers::live
