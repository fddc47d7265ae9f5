#include "database.h"

#include <sqlite3.h>

namespace eventscope::sqlite {

Error::Error(const QString& message, int code) : std::runtime_error(message.toStdString()), m_code(code) {}

// --- Statement -------------------------------------------------------------------------------

Statement::Statement(Database& db, std::string_view sql) : m_db(&db)
{
    const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        throw Error(db.errorMessage() + QStringLiteral(" (in: ") +
                        QString::fromUtf8(sql.data(), qsizetype(sql.size())) + QLatin1Char(')'),
                    rc);
    }
    // Sized once: bound buffers must not move while the statement holds pointers into them.
    m_utf8.resize(size_t(sqlite3_bind_parameter_count(m_stmt)) + 1);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_utf8(std::move(other.m_utf8))
{
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_utf8 = std::move(other.m_utf8);
        other.m_stmt = nullptr;
    }
    return *this;
}

void Statement::check(int rc) const
{
    if (rc != SQLITE_OK)
        throw Error(m_db->errorMessage(), rc);
}

Statement& Statement::bind(int index, qint64 value)
{
    check(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    check(sqlite3_bind_double(m_stmt, index, value));
    return *this;
}

Statement& Statement::bind(int index, const QString& text)
{
    if (text.isNull())
        return bindNull(index);
    // Most bound strings (ids, stream names, types) are ASCII: narrow them into a buffer kept per
    // parameter instead of allocating a QByteArray and letting SQLite copy it again.
    if (index < 1 || size_t(index) >= m_utf8.size())
        throw Error(QStringLiteral("parameter %1 out of range").arg(index), SQLITE_RANGE);
    std::string& buffer = m_utf8[size_t(index)];
    const qsizetype n = text.size();
    buffer.resize(size_t(n));
    const QChar* source = text.constData();
    bool ascii = true;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = source[i].unicode();
        ascii = ascii && c < 0x80;
        buffer[size_t(i)] = char(c);
    }
    if (!ascii)
        buffer = text.toStdString();
    check(sqlite3_bind_text(m_stmt, index, buffer.data(), int(buffer.size()), SQLITE_STATIC));
    return *this;
}

Statement& Statement::bindText(int index, std::string_view utf8)
{
    check(sqlite3_bind_text(m_stmt, index, utf8.data(), int(utf8.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& bytes)
{
    if (bytes.isNull())
        return bindNull(index);
    check(sqlite3_bind_blob(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC));
    return *this;
}

Statement& Statement::bindNull(int index)
{
    check(sqlite3_bind_null(m_stmt, index));
    return *this;
}

Statement& Statement::bindTextOrNull(int index, const QString& text)
{
    if (text.isEmpty())
        return bindNull(index);
    return bind(index, text);
}

Statement& Statement::bindTextOrNull(int index, const QByteArray& utf8)
{
    if (utf8.isEmpty())
        return bindNull(index);
    // The caller's bytes outlive the step (see the header), so SQLite need not copy them.
    check(sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC));
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString message = m_db->errorMessage();
    sqlite3_reset(m_stmt);
    throw Error(message, rc);
}

void Statement::exec()
{
    while (step()) {
    }
    // Every parameter is bound again before the next run, so the bindings need not be cleared.
    sqlite3_reset(m_stmt);
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::bytes(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    if (!data)
        return {};
    return QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(m_stmt, column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

// --- Database --------------------------------------------------------------------------------

Database::Database(const QString& path, Mode mode) : m_path(path)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    }
    const QByteArray utf8Path = path.toUtf8();
    const int rc = sqlite3_open_v2(utf8Path.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString message =
            m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw Error(QStringLiteral("cannot open %1: %2").arg(path, message), rc);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Readers and one writer share the file; wait for locks instead of failing at once.
    sqlite3_busy_timeout(m_db, 5000);
}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

Database::Database(Database&& other) noexcept : m_db(other.m_db), m_path(std::move(other.m_path))
{
    other.m_db = nullptr;
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        other.m_db = nullptr;
    }
    return *this;
}

void Database::exec(std::string_view sql)
{
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : sqlite3_errmsg(m_db));
        sqlite3_free(error);
        throw Error(message, rc);
    }
}

qint64 Database::queryInt(std::string_view sql)
{
    Statement statement(*this, sql);
    return statement.step() ? statement.int64(0) : 0;
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

QString Database::errorMessage() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

// --- Transaction -----------------------------------------------------------------------------

Transaction::Transaction(Database& db, Begin begin) : m_db(db)
{
    switch (begin) {
    case Begin::Deferred:
        m_db.exec("BEGIN");
        break;
    case Begin::Immediate:
        m_db.exec("BEGIN IMMEDIATE");
        break;
    case Begin::Exclusive:
        m_db.exec("BEGIN EXCLUSIVE");
        break;
    }
}

Transaction::~Transaction()
{
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const Error&) {
            // Nothing more can be done in a destructor; SQLite rolls back on close anyway.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_open = false;
}

void Transaction::rollback()
{
    if (m_open) {
        m_open = false;
        m_db.exec("ROLLBACK");
    }
}

} // namespace eventscope::sqlite
