#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace eventscope::gui {

// The files of one import, in the order they were added, each with the format detected from its
// content and the one the user chose instead, if any.
class ImportFilesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FileColumn,
        FormatColumn,
        SizeColumn,
        ColumnCount
    };

    struct File
    {
        QString path;
        qint64 size = 0;
        QString detectedFormat; // reader id; empty when nothing recognised the file
        int confidence = 0;
        QString detectionError;
        QString chosenFormat; // reader id the user picked; empty = the detected one

        QString format() const { return chosenFormat.isEmpty() ? detectedFormat : chosenFormat; }
    };

    explicit ImportFilesModel(QObject* parent = nullptr);

    // Adds files not already in the list, detecting their format (reads each file's head).
    // Returns the rows added.
    QList<int> addFiles(const QStringList& paths);
    void removeFile(int row);
    void setChosenFormat(int row, const QString& readerId); // empty = back to the detected one

    const File& file(int row) const { return m_files[size_t(row)]; }
    int fileCount() const { return int(m_files.size()); }
    QStringList paths() const;
    // The files whose format the user chose, path -> reader id (ImportRequest::formatByFile).
    QHash<QString, QString> chosenFormats() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "1.2 MB", "812 bytes"
    static QString formatSize(qint64 bytes);
    // The reader's display name for an id, or the id itself when no reader has it.
    static QString formatName(const QString& readerId);

private:
    std::vector<File> m_files;
};

} // namespace eventscope::gui
