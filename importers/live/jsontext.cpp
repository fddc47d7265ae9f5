#include "jsontext.h"

#include "json/simdjsonutil.h"

#include <simdjson.h>

namespace eventscope::importers::live {

QString jsonProblem(const QByteArray& text, JsonExpect expect)
{
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    const auto code = parser.parse(text.constData(), size_t(text.size())).get(root);
    if (code != simdjson::SUCCESS) {
        const auto syntax =
            json::describeSyntaxError(code, std::string_view(text.constData(), size_t(text.size())));
        return QStringLiteral("%1 at column %2").arg(syntax.reason).arg(syntax.column);
    }
    if (expect == JsonExpect::Object && root.type() != simdjson::dom::element_type::OBJECT)
        return QStringLiteral("%1, not an object").arg(QString::fromLatin1(json::describeType(root)));
    return {};
}

} // namespace eventscope::importers::live
