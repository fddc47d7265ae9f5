#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace eventscope::sqlite {

// Raised for every SQLite failure; the message carries SQLite's own text and the statement.
class Error : public std::runtime_error
{
public:
    Error(const QString& message, int code);
    int code() const { return m_code; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    int m_code;
};

class Database;

// A prepared statement with bound parameters only: SQL text never contains values.
class Statement
{
public:
    Statement() = default;
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based as in SQLite. QByteArray arguments are bound without a copy: they
    // must stay alive and unchanged until the statement has been stepped and reset.
    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, qint64(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& text);       // NULL when text is null
    Statement& bindText(int index, std::string_view utf8); // copied by SQLite
    Statement& bindBlob(int index, const QByteArray& bytes);
    Statement& bindNull(int index);
    Statement& bindTextOrNull(int index, const QString& text); // NULL when empty
    Statement& bindTextOrNull(int index, const QByteArray& utf8);

    // Returns true while a row is available.
    bool step();
    // Runs to completion, for statements that return no rows.
    void exec();
    void reset();

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray bytes(int column) const; // text or blob column as raw bytes
    bool isNull(int column) const;
    int columnCount() const;

private:
    void check(int rc) const;

    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    // UTF-8 of bound QStrings, one buffer per parameter, bound without another copy by SQLite.
    std::vector<std::string> m_utf8;
};

class Database
{
public:
    enum class Mode
    {
        ReadWriteCreate,
        ReadWrite,
        ReadOnly
    };

    Database() = default;
    Database(const QString& path, Mode mode);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const { return m_db != nullptr; }
    QString path() const { return m_path; }

    void exec(std::string_view sql); // runs one or more statements with no parameters
    Statement prepare(std::string_view sql) { return Statement(*this, sql); }
    qint64 queryInt(std::string_view sql);
    qint64 lastInsertRowId() const;
    int changes() const;
    QString errorMessage() const;

    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    QString m_path;
};

// Begins a transaction on construction and rolls it back on destruction unless committed.
class Transaction
{
public:
    enum class Begin
    {
        Deferred,
        Immediate, // takes the write lock now
        Exclusive  // also keeps readers out (rollback-journal mode)
    };
    explicit Transaction(Database& db, Begin begin = Begin::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    void rollback();

private:
    Database& m_db;
    bool m_open = true;
};

} // namespace eventscope::sqlite
