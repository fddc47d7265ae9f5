// The SQL functions filters call, added to a connection by registerSqlFunctions().
#include "filtersql.h"

#include "sqlite/database.h"

#include <QRegularExpression>

#include <sqlite3.h>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace eventscope::filter {
namespace {

// A compiled pattern with the answers it gave lately. Filtered values repeat a lot (user names,
// skus, currencies), and a lookup in this direct-mapped cache costs far less than converting the
// text to UTF-16 and running the expression on it.
class CachedRegex
{
public:
    explicit CachedRegex(const QString& pattern) : m_regex(pattern) { m_regex.optimize(); }

    bool isValid() const { return m_regex.isValid(); }
    QString errorString() const { return m_regex.errorString(); }

    bool matches(std::string_view utf8)
    {
        Slot& slot = m_slots[std::hash<std::string_view>()(utf8) % m_slots.size()];
        if (slot.filled && slot.text == utf8)
            return slot.matches;
        const QString subject = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
        slot.matches = m_regex
                           .match(subject, 0, QRegularExpression::NormalMatch,
                                  QRegularExpression::DontCheckSubjectStringMatchOption)
                           .hasMatch();
        if (utf8.size() <= maxCachedLength) {
            slot.text.assign(utf8); // reuses the slot's buffer once it has grown
            slot.filled = true;
        } else {
            slot.filled = false;
        }
        return slot.matches;
    }

private:
    static constexpr size_t maxCachedLength = 256;
    struct Slot
    {
        std::string text;
        bool matches = false;
        bool filled = false;
    };
    QRegularExpression m_regex;
    std::array<Slot, 1024> m_slots;
};

void deleteRegex(void* regex)
{
    delete static_cast<CachedRegex*>(regex);
}

// regexp(pattern, text). The compiled expression is kept as the statement's auxiliary data for
// the pattern argument, so a bound pattern is compiled once per statement, not once per row.
void regexpFunction(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_int(context, 0);
        return;
    }
    std::unique_ptr<CachedRegex> fresh;
    auto* regex = static_cast<CachedRegex*>(sqlite3_get_auxdata(context, 0));
    if (!regex) {
        const auto* pattern = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
        fresh = std::make_unique<CachedRegex>(QString::fromUtf8(pattern, sqlite3_value_bytes(argv[0])));
        if (!fresh->isValid()) {
            const QByteArray message =
                QByteArrayLiteral("invalid regular expression: ") + fresh->errorString().toUtf8();
            sqlite3_result_error(context, message.constData(), int(message.size()));
            return;
        }
        regex = fresh.get();
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const auto length = size_t(sqlite3_value_bytes(argv[1]));
    sqlite3_result_int(context, regex->matches(std::string_view(text, length)) ? 1 : 0);
    // Last: SQLite may destroy the data at once, inside this call.
    if (fresh)
        sqlite3_set_auxdata(context, 0, fresh.release(), deleteRegex);
}

} // namespace

void registerSqlFunctions(sqlite::Database& database)
{
    const int rc = sqlite3_create_function_v2(database.handle(), "regexp", 2,
                                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                              regexpFunction, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        throw sqlite::Error(QStringLiteral("cannot add regexp(): %1").arg(database.errorMessage()), rc);
}

} // namespace eventscope::filter
