#pragma once

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace eventscope::gui {

class NoticeLabel;

// Protobuf decoding for an import: the descriptor set (protoc --descriptor_set_out), the message
// type of a file of delimited messages, and for envelopes and CloudEvents carrying protobuf
// payloads, which message type each event type's payload is.
class ProtobufOptions : public QWidget
{
    Q_OBJECT

public:
    explicit ProtobufOptions(QWidget* parent = nullptr);

    // Shows what the reader with this id uses: the message type for "delimited-message", the type
    // map for envelopes and CloudEvents.
    void setReader(const QString& readerId);

    QString descriptorSetPath() const;
    void setDescriptorSetPath(const QString& path);
    QString messageType() const;
    void setMessageType(const QString& type);
    // Event type -> message type; rows with an empty side are left out.
    QHash<QString, QString> typeMap() const;
    void setTypeMap(const QHash<QString, QString>& map);
    // The message types of the loaded set, for the choosers.
    QStringList messageTypes() const { return m_messageTypes; }

    QTableWidget* typeMapTable() const { return m_typeMap; }
    QComboBox* messageTypeCombo() const { return m_messageType; }
    QLineEdit* descriptorSetEdit() const { return m_descriptorSet; }

signals:
    void optionsChanged();

private:
    void chooseDescriptorSet();
    void loadDescriptorSet();
    void addTypeMapRow(const QString& eventType = {}, const QString& messageType = {});

    QLineEdit* m_descriptorSet;
    QPushButton* m_browse;
    NoticeLabel* m_setStatus;
    QLabel* m_messageTypeLabel;
    QComboBox* m_messageType;
    QLabel* m_typeMapLabel;
    QWidget* m_typeMapBox;
    QTableWidget* m_typeMap;
    QPushButton* m_addRow;
    QPushButton* m_removeRow;
    QStringList m_messageTypes;
    QString m_loadedPath;
    bool m_updating = false;
};

} // namespace eventscope::gui
