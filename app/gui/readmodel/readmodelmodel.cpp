#include "readmodelmodel.h"

#include "inspector/changestyle.h"
#include "inspector/jsondisplay.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace eventscope::gui {
namespace {

constexpr int maxCellChars = 200; // a cell shows one line; the tooltip shows more

std::string keyOfSegment(const json::PathSegment& segment)
{
    if (const auto* name = std::get_if<std::string>(&segment.step))
        return *name;
    return std::to_string(std::get<std::size_t>(segment.step));
}

bool startsWith(const json::Path& path, const json::Path& prefix)
{
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

QString compactJson(const json::Value& value, int maxChars)
{
    const QByteArray text = json::toJson(value);
    if (text.size() <= maxChars)
        return QString::fromUtf8(text);
    return QString::fromUtf8(text.left(maxChars)) + QChar(0x2026);
}

} // namespace

ReadModelModel::ReadModelModel(QObject* parent) : QAbstractTableModel(parent) {}

ReadModelModel::~ReadModelModel() = default;

void ReadModelModel::setPath(const json::Path& path)
{
    if (path == m_path)
        return;
    m_path = path;
    reset();
}

void ReadModelModel::clear()
{
    reset();
}

void ReadModelModel::reset()
{
    beginResetModel();
    m_map = json::Value();
    m_found = false;
    m_arrayRows = false;
    m_rows.clear();
    m_rowOfKey.clear();
    m_columns.clear();
    m_fieldColumns.clear();
    m_hasValueColumn = false;
    m_changes.clear();
    m_allChanged.reset();
    endResetModel();
}

void ReadModelModel::collectColumns(const json::Value& value, std::vector<Column>& added,
                                    std::unordered_set<std::string>& addedFields) const
{
    if (value.isObject()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            std::string field(value.keyAt(i));
            if (!m_fieldColumns.contains(field) && !addedFields.contains(field)) {
                addedFields.insert(field);
                added.emplace_back(std::move(field));
            }
        }
    } else if (!value.isNull() && !m_hasValueColumn &&
               std::none_of(added.begin(), added.end(), [](const Column& c) { return !c.has_value(); })) {
        added.emplace_back(std::nullopt);
    }
}

std::unordered_map<std::string, ReadModelModel::Change>
ReadModelModel::changesBy(const std::vector<json::DiffEntry>& lastStep,
                          std::optional<json::DiffEntry::Kind>& all) const
{
    std::unordered_map<std::string, Change> changes;
    all.reset();
    const std::size_t depth = m_path.size();
    for (const json::DiffEntry& entry : lastStep) {
        if (entry.path.size() <= depth) {
            // The map itself, or a container above it, was made or replaced: every row is new.
            if (startsWith(m_path, entry.path) && entry.kind != json::DiffEntry::Kind::Removed)
                all = entry.kind;
            continue;
        }
        if (!startsWith(entry.path, m_path))
            continue;
        Change& change = changes[keyOfSegment(entry.path[depth])];
        if (entry.path.size() == depth + 1) {
            change.kind = entry.kind;
            continue;
        }
        if (change.kind != json::DiffEntry::Kind::Added)
            change.kind = json::DiffEntry::Kind::Changed;
        if (const auto* field = std::get_if<std::string>(&entry.path[depth + 1].step))
            change.fields.push_back(*field);
    }
    return changes;
}

void ReadModelModel::rebuildKeyIndex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_rows.size());
    for (int i = 0; i < int(m_rows.size()); ++i)
        m_rowOfKey.emplace(m_rows[std::size_t(i)].key, i);
}

void ReadModelModel::emitRowsChanged(std::vector<int> rows)
{
    if (rows.empty() || columnCount() == 0)
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // One signal per run of neighbouring rows.
    std::size_t start = 0;
    for (std::size_t i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows[i] != rows[i - 1] + 1) {
            emit dataChanged(index(rows[start], 0), index(rows[i - 1], columnCount() - 1));
            start = i;
        }
    }
}

void ReadModelModel::setState(const json::Value& state, const std::vector<json::DiffEntry>& lastStep)
{
    const json::Value* found = json::lookup(state, m_path);
    const bool isTable = found && (found->isObject() || found->isArray());
    const json::Value map = isTable ? *found : json::Value::object();
    const bool arrayRows = isTable && found->isArray();
    if (arrayRows != m_arrayRows && !m_rows.empty())
        reset(); // an object became an array or back: keys mean something else now
    m_found = isTable;
    m_arrayRows = arrayRows;

    // The rows whose marks change: those the previous step marked, and those this one marks.
    std::vector<std::string> remarked;
    const bool wasAllChanged = m_allChanged.has_value();
    for (const auto& [key, change] : m_changes)
        remarked.push_back(key);
    m_changes = changesBy(lastStep, m_allChanged);
    for (const auto& [key, change] : m_changes)
        remarked.push_back(key);

    if (!map.sharesWith(m_map)) {
        auto memberOf = [&](const Row& row) -> const json::Value* {
            if (!arrayRows)
                return map.find(row.key);
            std::size_t index = 0;
            std::from_chars(row.key.data(), row.key.data() + row.key.size(), index);
            return index < map.size() ? &map.at(index) : nullptr;
        };
        std::vector<Column> newColumns;
        std::unordered_set<std::string> newFields;
        std::vector<char> gone(m_rows.size(), 0);
        std::vector<int> changedRows;
        std::size_t goneCount = 0;
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            Row& row = m_rows[i];
            const json::Value* member = memberOf(row);
            if (!member) {
                gone[i] = 1;
                ++goneCount;
                continue;
            }
            if (member->sharesWith(row.value))
                continue;
            if (!(*member == row.value)) {
                changedRows.push_back(int(i));
                collectColumns(*member, newColumns, newFields);
            }
            row.value = *member; // equal or not: shared from now on, so the next step compares in O(1)
        }
        std::vector<Row> added;
        for (std::size_t i = 0; i < map.size(); ++i) {
            std::string key = arrayRows ? std::to_string(i) : std::string(map.keyAt(i));
            if (m_rowOfKey.contains(key))
                continue;
            const json::Value& value = arrayRows ? map.at(i) : map.valueAt(i);
            collectColumns(value, newColumns, newFields);
            added.push_back({std::move(key), value});
        }

        if (!newColumns.empty()) {
            const int first = columnCount();
            beginInsertColumns({}, first, first + int(newColumns.size()) - 1);
            for (Column& column : newColumns) {
                if (column)
                    m_fieldColumns.insert(*column);
                else
                    m_hasValueColumn = true;
                m_columns.push_back(std::move(column));
            }
            endInsertColumns();
        }
        emitRowsChanged(changedRows);
        if (goneCount > 0) {
            // Back to front, one signal per run, so that the rows before a run keep their numbers.
            int end = int(m_rows.size());
            while (end > 0) {
                if (!gone[std::size_t(end - 1)]) {
                    --end;
                    continue;
                }
                int begin = end - 1;
                while (begin > 0 && gone[std::size_t(begin - 1)])
                    --begin;
                beginRemoveRows({}, begin, end - 1);
                m_rows.erase(m_rows.begin() + begin, m_rows.begin() + end);
                endRemoveRows();
                end = begin;
            }
            rebuildKeyIndex();
        }
        if (!added.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            for (Row& row : added) {
                m_rowOfKey.emplace(row.key, int(m_rows.size()));
                m_rows.push_back(std::move(row));
            }
            endInsertRows();
        }
        m_map = map;
    }

    if (wasAllChanged || m_allChanged) {
        if (!m_rows.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    std::vector<int> rows;
    for (const std::string& key : remarked) {
        if (const auto it = m_rowOfKey.find(key); it != m_rowOfKey.end())
            rows.push_back(it->second);
    }
    emitRowsChanged(std::move(rows));
}

QString ReadModelModel::keyAt(int row) const
{
    return QString::fromStdString(m_rows.at(std::size_t(row)).key);
}

int ReadModelModel::rowOfKey(const QString& key) const
{
    const auto it = m_rowOfKey.find(key.toStdString());
    return it == m_rowOfKey.end() ? -1 : it->second;
}

const json::Value& ReadModelModel::rowValue(int row) const
{
    return m_rows.at(std::size_t(row)).value;
}

const json::Value* ReadModelModel::cellValue(int row, int column) const
{
    if (row < 0 || row >= int(m_rows.size()) || column <= KeyColumn || column >= columnCount())
        return nullptr;
    const json::Value& value = m_rows[std::size_t(row)].value;
    const Column& name = m_columns[std::size_t(column - 1)];
    if (!name)
        return value.isObject() || value.isNull() ? nullptr : &value;
    return value.find(*name);
}

QString ReadModelModel::columnName(int column) const
{
    if (column == KeyColumn)
        return m_arrayRows ? tr("Index") : tr("Key");
    const Column& name = m_columns.at(std::size_t(column - 1));
    return name ? QString::fromStdString(*name) : tr("Value");
}

std::optional<json::DiffEntry::Kind> ReadModelModel::changeOf(int row) const
{
    if (m_allChanged)
        return m_allChanged;
    const auto it = m_changes.find(m_rows.at(std::size_t(row)).key);
    if (it == m_changes.end() || it->second.kind == json::DiffEntry::Kind::Removed)
        return std::nullopt;
    return it->second.kind;
}

int ReadModelModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReadModelModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 1 + int(m_columns.size());
}

QString ReadModelModel::display(const json::Value& value) const
{
    switch (value.type()) {
    case json::Value::Type::String: {
        const std::string_view text = value.toStringView();
        if (text.size() <= std::size_t(maxCellChars) * 2)
            return QString::fromUtf8(text.data(), qsizetype(text.size()));
        return QString::fromUtf8(text.data(), maxCellChars) + QChar(0x2026);
    }
    case json::Value::Type::Object:
    case json::Value::Type::Array:
        return compactJson(value, maxCellChars);
    default:
        return QString::fromUtf8(json::toJson(value));
    }
}

QVariant ReadModelModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const bool isKey = index.column() == KeyColumn;
    const json::Value* cell = cellValue(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (isKey)
            return QString::fromStdString(row.key);
        return cell ? display(*cell) : QVariant();
    case SortRole:
        if (isKey)
            return m_arrayRows ? QVariant(double(std::strtoll(row.key.c_str(), nullptr, 10)))
                               : QVariant(QString::fromStdString(row.key));
        if (!cell || cell->isNull())
            return {};
        if (cell->isNumber())
            return cell->toDouble();
        if (cell->isBool())
            return cell->toBool() ? 1.0 : 0.0;
        return display(*cell);
    case JsonRole:
        if (isKey)
            return QString::fromStdString(row.key);
        return cell ? QString::fromUtf8(json::toJson(*cell)) : QVariant();
    case Qt::ToolTipRole:
        if (cell &&
            (cell->isObject() || cell->isArray() || (cell->isString() && cell->toStringView().size() > 80)))
            return jsondisplay::preview(*cell);
        return {};
    case Qt::TextAlignmentRole:
        if ((isKey && m_arrayRows) || (cell && cell->isNumber()))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (cell && (cell->isNull() || cell->isObject() || cell->isArray()))
            return changestyle::ghostText(QGuiApplication::palette());
        return {};
    case Qt::BackgroundRole:
        if (const auto kind = changeOf(index.row()))
            return changestyle::background(*kind, QGuiApplication::palette());
        return {};
    case ChangeKindRole:
        if (const auto kind = changeOf(index.row()))
            return int(*kind);
        return {};
    case CellChangedRole:
    case Qt::FontRole: {
        bool changed = false;
        if (!isKey) {
            const auto it = m_changes.find(row.key);
            const Column& name = m_columns[std::size_t(index.column() - 1)];
            changed = it != m_changes.end() && name &&
                      std::find(it->second.fields.begin(), it->second.fields.end(), *name) !=
                          it->second.fields.end();
            if (!name && it != m_changes.end() && it->second.kind == json::DiffEntry::Kind::Changed)
                changed = true; // a scalar row's value is the row
        }
        if (role == CellChangedRole)
            return changed;
        if (!changed)
            return {};
        QFont font = QGuiApplication::font();
        font.setBold(true);
        return font;
    }
    default:
        return {};
    }
}

QVariant ReadModelModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return columnName(section);
    if (role == Qt::ToolTipRole && section == KeyColumn)
        return tr("The member name of each row in %1").arg(jsondisplay::pathText(m_path));
    return {};
}

} // namespace eventscope::gui
