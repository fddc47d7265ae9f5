#include "protobufoptions.h"

#include "noticelabel.h"
#include "protobuf/descriptorset.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace eventscope::gui {

ProtobufOptions::ProtobufOptions(QWidget* parent)
    : QWidget(parent), m_descriptorSet(new QLineEdit(this)),
      m_browse(new QPushButton(tr("Browse\u2026"), this)), m_setStatus(new NoticeLabel(this)),
      m_messageTypeLabel(new QLabel(tr("Message &type:"), this)), m_messageType(new QComboBox(this)),
      m_typeMapLabel(new QLabel(tr("Payload &types:"), this)), m_typeMapBox(new QWidget(this)),
      m_typeMap(new QTableWidget(0, 2, this)), m_addRow(new QPushButton(tr("Add"), this)),
      m_removeRow(new QPushButton(tr("Remove"), this))
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);

    auto* setLabel = new QLabel(tr("Descriptor &set:"), this);
    setLabel->setBuddy(m_descriptorSet);
    auto* setRow = new QHBoxLayout;
    setRow->setSpacing(6);
    setRow->addWidget(m_descriptorSet, 1);
    setRow->addWidget(m_browse);
    grid->addWidget(setLabel, 0, 0, Qt::AlignRight | Qt::AlignVCenter);
    grid->addLayout(setRow, 0, 1);
    grid->addWidget(m_setStatus, 1, 1);

    m_messageTypeLabel->setBuddy(m_messageType);
    grid->addWidget(m_messageTypeLabel, 2, 0, Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(m_messageType, 2, 1);
    m_messageType->setEditable(true);
    m_messageType->setInsertPolicy(QComboBox::NoInsert);
    m_messageType->lineEdit()->setPlaceholderText(tr("acme.OrderPlaced"));

    m_typeMapLabel->setBuddy(m_typeMap);
    grid->addWidget(m_typeMapLabel, 3, 0, Qt::AlignRight | Qt::AlignTop);
    auto* mapLayout = new QHBoxLayout(m_typeMapBox);
    mapLayout->setContentsMargins(0, 0, 0, 0);
    mapLayout->setSpacing(6);
    mapLayout->addWidget(m_typeMap, 1);
    auto* mapButtons = new QVBoxLayout;
    mapButtons->addWidget(m_addRow);
    mapButtons->addWidget(m_removeRow);
    mapButtons->addStretch(1);
    mapLayout->addLayout(mapButtons);
    grid->addWidget(m_typeMapBox, 3, 1);
    grid->setColumnStretch(1, 1);

    m_typeMap->setHorizontalHeaderLabels({tr("Event type"), tr("Message type")});
    m_typeMap->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_typeMap->verticalHeader()->hide();
    m_typeMap->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_typeMap->setSelectionMode(QAbstractItemView::SingleSelection);
    m_typeMap->setMinimumHeight(m_typeMap->fontMetrics().height() * 5);
    m_typeMap->setMaximumHeight(m_typeMap->fontMetrics().height() * 8);

    m_descriptorSet->setPlaceholderText(tr("protoc --descriptor_set_out=set.pb --include_imports"));
    m_descriptorSet->setToolTip(tr("A FileDescriptorSet holding the message types of the payloads"));
    m_messageType->setToolTip(tr("The message type of every record of a file of delimited messages"));
    m_typeMap->setToolTip(tr("For events whose payload is protobuf bytes: the message type to decode each "
                             "event type's payload as"));

    connect(m_browse, &QPushButton::clicked, this, &ProtobufOptions::chooseDescriptorSet);
    connect(m_descriptorSet, &QLineEdit::editingFinished, this, [this] {
        if (m_descriptorSet->text() != m_loadedPath) {
            loadDescriptorSet();
            emit optionsChanged();
        }
    });
    connect(m_messageType, &QComboBox::currentTextChanged, this, [this] {
        if (!m_updating)
            emit optionsChanged();
    });
    connect(m_typeMap, &QTableWidget::itemChanged, this, [this] {
        if (!m_updating)
            emit optionsChanged();
    });
    connect(m_addRow, &QPushButton::clicked, this, [this] {
        addTypeMapRow();
        m_typeMap->setCurrentCell(m_typeMap->rowCount() - 1, 0);
        m_typeMap->editItem(m_typeMap->item(m_typeMap->rowCount() - 1, 0));
    });
    connect(m_removeRow, &QPushButton::clicked, this, [this] {
        const int row = m_typeMap->currentRow();
        if (row < 0)
            return;
        m_typeMap->removeRow(row);
        emit optionsChanged();
    });
    connect(m_typeMap, &QTableWidget::currentCellChanged, this,
            [this](int row) { m_removeRow->setEnabled(row >= 0); });
    m_removeRow->setEnabled(false);
    setReader(QString());
}

void ProtobufOptions::setReader(const QString& readerId)
{
    const bool messages = readerId == QLatin1String("delimited-message");
    m_messageTypeLabel->setVisible(messages);
    m_messageType->setVisible(messages);
    m_typeMapLabel->setVisible(!messages);
    m_typeMapBox->setVisible(!messages);
}

void ProtobufOptions::chooseDescriptorSet()
{
    const QString start =
        m_descriptorSet->text().isEmpty() ? QString() : QFileInfo(m_descriptorSet->text()).path();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose a descriptor set"), start,
                                     tr("Descriptor sets (*.pb *.desc *.protoset *.bin);;All files (*)"));
    if (path.isEmpty())
        return;
    setDescriptorSetPath(path);
    emit optionsChanged();
}

void ProtobufOptions::loadDescriptorSet()
{
    m_loadedPath = m_descriptorSet->text();
    m_messageTypes.clear();
    if (m_loadedPath.isEmpty()) {
        m_setStatus->clear();
    } else {
        QString error;
        if (const auto set = importers::protobuf::DescriptorSet::load(m_loadedPath, error)) {
            m_messageTypes = set->messageTypes();
            m_setStatus->setNotice(NoticeLabel::Kind::Info,
                                   m_messageTypes.size() == 1
                                       ? tr("1 message type")
                                       : tr("%1 message types").arg(m_messageTypes.size()));
        } else {
            m_setStatus->setNotice(NoticeLabel::Kind::Error, error);
        }
    }
    m_updating = true;
    const QString typed = m_messageType->currentText();
    m_messageType->clear();
    m_messageType->addItems(m_messageTypes);
    m_messageType->setEditText(typed);
    m_updating = false;
}

QString ProtobufOptions::descriptorSetPath() const
{
    return m_descriptorSet->text().trimmed();
}

void ProtobufOptions::setDescriptorSetPath(const QString& path)
{
    m_descriptorSet->setText(path);
    loadDescriptorSet();
}

QString ProtobufOptions::messageType() const
{
    return m_messageType->currentText().trimmed();
}

void ProtobufOptions::setMessageType(const QString& type)
{
    m_updating = true;
    m_messageType->setEditText(type);
    m_updating = false;
}

QHash<QString, QString> ProtobufOptions::typeMap() const
{
    QHash<QString, QString> map;
    for (int row = 0; row < m_typeMap->rowCount(); ++row) {
        const auto text = [&](int column) {
            const QTableWidgetItem* item = m_typeMap->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        if (!text(0).isEmpty() && !text(1).isEmpty())
            map.insert(text(0), text(1));
    }
    return map;
}

void ProtobufOptions::setTypeMap(const QHash<QString, QString>& map)
{
    m_updating = true;
    m_typeMap->setRowCount(0);
    QStringList types = map.keys();
    types.sort();
    for (const QString& type : types)
        addTypeMapRow(type, map.value(type));
    m_updating = false;
}

void ProtobufOptions::addTypeMapRow(const QString& eventType, const QString& messageType)
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    const int row = m_typeMap->rowCount();
    m_typeMap->insertRow(row);
    m_typeMap->setItem(row, 0, new QTableWidgetItem(eventType));
    m_typeMap->setItem(row, 1, new QTableWidgetItem(messageType));
    m_updating = wasUpdating;
}

} // namespace eventscope::gui
