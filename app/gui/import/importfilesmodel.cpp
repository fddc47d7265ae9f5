#include "importfilesmodel.h"

#include "formatregistry.h"

#include <QFileInfo>
#include <QIcon>
#include <QLocale>

namespace eventscope::gui {

ImportFilesModel::ImportFilesModel(QObject* parent) : QAbstractTableModel(parent) {}

QList<int> ImportFilesModel::addFiles(const QStringList& paths)
{
    const auto& registry = importers::FormatRegistry::instance();
    QList<int> added;
    for (const QString& given : paths) {
        const QString path = QFileInfo(given).absoluteFilePath();
        if (this->paths().contains(path))
            continue;
        File file;
        file.path = path;
        file.size = QFileInfo(path).size();
        const auto detection = registry.detect(path);
        if (detection.reader) {
            file.detectedFormat = detection.reader->id();
            file.confidence = detection.confidence;
        } else {
            file.detectionError = detection.error;
        }
        const int row = int(m_files.size());
        beginInsertRows({}, row, row);
        m_files.push_back(file);
        endInsertRows();
        added << row;
    }
    return added;
}

void ImportFilesModel::removeFile(int row)
{
    if (row < 0 || row >= fileCount())
        return;
    beginRemoveRows({}, row, row);
    m_files.erase(m_files.begin() + row);
    endRemoveRows();
}

void ImportFilesModel::setChosenFormat(int row, const QString& readerId)
{
    if (row < 0 || row >= fileCount())
        return;
    File& file = m_files[size_t(row)];
    // Choosing the detected format is no choice: the file stays "detected".
    const QString chosen = readerId == file.detectedFormat ? QString() : readerId;
    if (file.chosenFormat == chosen)
        return;
    file.chosenFormat = chosen;
    emit dataChanged(index(row, FormatColumn), index(row, FormatColumn));
}

QStringList ImportFilesModel::paths() const
{
    QStringList result;
    for (const File& file : m_files)
        result << file.path;
    return result;
}

QHash<QString, QString> ImportFilesModel::chosenFormats() const
{
    QHash<QString, QString> result;
    for (const File& file : m_files) {
        if (!file.chosenFormat.isEmpty())
            result.insert(file.path, file.chosenFormat);
    }
    return result;
}

int ImportFilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : fileCount();
}

int ImportFilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportFilesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const File& file = m_files[size_t(index.row())];
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case FileColumn:
            return QFileInfo(file.path).fileName();
        case FormatColumn:
            if (file.format().isEmpty())
                return tr("Not recognised");
            return formatName(file.format());
        case SizeColumn:
            return formatSize(file.size);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case FileColumn:
            return file.path;
        case FormatColumn:
            if (!file.chosenFormat.isEmpty())
                return file.detectedFormat.isEmpty()
                           ? tr("Chosen by you; not recognised from its content")
                           : tr("Chosen by you; detected as %1").arg(formatName(file.detectedFormat));
            if (file.detectedFormat.isEmpty())
                return file.detectionError;
            return tr("Detected from its content (confidence %1%)").arg(file.confidence);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (column == FormatColumn && file.format().isEmpty())
            return QIcon::fromTheme(QStringLiteral("dialog-warning"));
        return {};
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ImportFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole && section == SizeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case FileColumn:
        return tr("File");
    case FormatColumn:
        return tr("Format");
    case SizeColumn:
        return tr("Size");
    case ColumnCount:
        break;
    }
    return {};
}

QString ImportFilesModel::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString ImportFilesModel::formatName(const QString& readerId)
{
    const auto* reader = importers::FormatRegistry::instance().reader(readerId);
    return reader ? reader->displayName() : readerId;
}

} // namespace eventscope::gui
