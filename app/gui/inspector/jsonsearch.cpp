#include "jsonsearch.h"

#include <algorithm>
#include <optional>

namespace eventscope::gui {

namespace {

class Searcher
{
public:
    Searcher(const QString& needle, std::size_t maxMatches, std::size_t budget)
        : m_needle(needle), m_maxMatches(maxMatches), m_budget(budget)
    {
        bool ascii = true;
        for (QChar c : needle)
            ascii = ascii && c.unicode() < 0x80;
        if (ascii)
            m_asciiNeedle = needle.toLower().toStdString();
        // Writing every number out as text is the other cost of a search; only a needle made of
        // characters that numbers are written with can match one.
        m_numbersCanMatch = std::all_of(needle.begin(), needle.end(), [](QChar c) {
            return (c >= u'0' && c <= u'9') || c == u'.' || c == u'-' || c == u'+' || c == u'e' || c == u'E';
        });
    }

    void walk(const json::Value& value)
    {
        if (!value.isObject() && !value.isArray())
            return;
        const bool object = value.isObject();
        for (std::size_t i = 0; i < value.size() && !stopped(); ++i) {
            // The path is kept as (container, index) pairs and spelled out only for a match.
            m_frames.push_back(Frame{&value, i});
            visit(object ? value.valueAt(i) : value.at(i), object && contains(value.keyAt(i)));
            m_frames.pop_back();
        }
    }

    JsonSearchResult result() { return std::move(m_result); }

private:
    void visit(const json::Value& value, bool keyMatched)
    {
        if (++m_visited > m_budget) {
            m_result.complete = false;
            return;
        }
        if (keyMatched || matchesScalar(value)) {
            m_result.matches.push_back(currentPath());
            if (m_result.matches.size() >= m_maxMatches) {
                m_result.complete = false;
                return;
            }
        }
        walk(value);
    }

    bool matchesScalar(const json::Value& value) const
    {
        switch (value.type()) {
        case json::Value::Type::String:
            return contains(value.toStringView());
        case json::Value::Type::Number: {
            if (!m_numbersCanMatch)
                return false;
            const QByteArray text = json::toJson(value);
            return contains(std::string_view(text.constData(), std::size_t(text.size())));
        }
        case json::Value::Type::Bool:
            return contains(value.toBool() ? "true" : "false");
        case json::Value::Type::Null:
            return contains("null");
        default:
            return false;
        }
    }

    bool contains(std::string_view utf8) const
    {
        // An ASCII needle is compared byte by byte, without decoding each key into a QString: that
        // is most of the cost of a search through a large state. UTF-8 never uses ASCII bytes inside
        // other characters, so this finds what the QString comparison finds (short of the odd
        // non-ASCII letter that folds to ASCII, such as the Kelvin sign).
        if (m_asciiNeedle) {
            const std::string& needle = *m_asciiNeedle;
            const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
            return std::search(utf8.begin(), utf8.end(), needle.begin(), needle.end(),
                               [&](char a, char b) { return lower(a) == b; }) != utf8.end();
        }
        return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).contains(m_needle, Qt::CaseInsensitive);
    }

    bool stopped() const { return !m_result.complete; }

    json::Path currentPath() const
    {
        json::Path path;
        path.reserve(m_frames.size());
        for (const Frame& frame : m_frames) {
            if (frame.container->isArray())
                path.emplace_back().step.emplace<std::size_t>(frame.index);
            else
                path.emplace_back().step.emplace<std::string>(frame.container->keyAt(frame.index));
        }
        return path;
    }

    struct Frame
    {
        const json::Value* container;
        std::size_t index;
    };

    QString m_needle;
    std::optional<std::string> m_asciiNeedle; // lower-case
    bool m_numbersCanMatch = false;
    std::size_t m_maxMatches;
    std::size_t m_budget;
    std::size_t m_visited = 0;
    std::vector<Frame> m_frames;
    JsonSearchResult m_result;
};

} // namespace

JsonSearchResult searchJson(const json::Value& root, const QString& needle, std::size_t maxMatches,
                            std::size_t budget)
{
    if (needle.isEmpty())
        return {};
    Searcher searcher(needle, maxMatches, budget);
    searcher.walk(root);
    return searcher.result();
}

} // namespace eventscope::gui
