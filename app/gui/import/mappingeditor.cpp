#include "mappingeditor.h"

#include "noticelabel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace eventscope::gui {
namespace {

using importers::FieldMapping;
using importers::Target;

constexpr Target editedTargets[] = {Target::Stream, Target::Type, Target::Time, Target::Id, Target::Data};

QComboBox* makeCombo(QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(14);
    return combo;
}

} // namespace

MappingEditor::MappingEditor(QWidget* parent)
    : QWidget(parent), m_stream(makeCombo(this)), m_type(makeCombo(this)), m_time(makeCombo(this)),
      m_id(makeCombo(this)), m_data(makeCombo(this)), m_epochUnit(makeCombo(this)),
      m_spec(new QLineEdit(this)), m_reset(new QPushButton(tr("Detect"), this)),
      m_origin(new NoticeLabel(this))
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);
    const auto addRow = [&](int row, int column, const QString& label, QWidget* field) {
        auto* caption = new QLabel(label, this);
        caption->setBuddy(field);
        grid->addWidget(caption, row, column * 2, Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(field, row, column * 2 + 1);
    };
    addRow(0, 0, tr("&Stream:"), m_stream);
    addRow(0, 1, tr("T&ype:"), m_type);
    addRow(1, 0, tr("&Time:"), m_time);
    addRow(1, 1, tr("&Id:"), m_id);
    addRow(2, 0, tr("&Data:"), m_data);
    addRow(2, 1, tr("&Numeric times:"), m_epochUnit);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    auto* specRow = new QHBoxLayout;
    specRow->setSpacing(6);
    specRow->addWidget(m_spec, 1);
    specRow->addWidget(m_reset);
    auto* specCaption = new QLabel(tr("&Mapping:"), this);
    specCaption->setBuddy(m_spec);
    grid->addWidget(specCaption, 3, 0, Qt::AlignRight | Qt::AlignVCenter);
    grid->addLayout(specRow, 3, 1, 1, 3);
    grid->addWidget(m_origin, 4, 1, 1, 3);

    m_stream->setToolTip(tr("The field that names the aggregate or stream of each event"));
    m_type->setToolTip(tr("The field that holds the event's type name"));
    m_time->setToolTip(tr("The field with the event's time: RFC 3339 text or an epoch number"));
    m_id->setToolTip(tr("The field with the event's unique id; without one, ids are derived from the file "
                        "and the record's place"));
    m_data->setToolTip(tr("The field with the payload; by default every field no other target takes"));
    m_spec->setToolTip(tr("The mapping as eventscope-cli import --map takes it: target=field pairs, "
                          "dotted paths into objects, data=* for the whole record, time_unit=s|ms|us, "
                          "or a preset (envelope, messagedb, marten, kurrentdb, cloudevents). "
                          "Press Enter to apply."));
    m_reset->setToolTip(tr("Forget the changes and detect the mapping from the records again"));
    m_spec->setClearButtonEnabled(true);

    m_epochUnit->addItem(tr("By magnitude"), QVariant::fromValue(int(EpochUnit::Auto)));
    m_epochUnit->addItem(tr("Seconds"), QVariant::fromValue(int(EpochUnit::Seconds)));
    m_epochUnit->addItem(tr("Milliseconds"), QVariant::fromValue(int(EpochUnit::Milliseconds)));
    m_epochUnit->addItem(tr("Microseconds"), QVariant::fromValue(int(EpochUnit::Microseconds)));
    m_epochUnit->setToolTip(tr("The unit of times written as epoch numbers; by magnitude, below 10^11 are "
                               "seconds, below 10^14 milliseconds, above that microseconds"));

    for (QComboBox* combo : {m_stream, m_type, m_time, m_id, m_data})
        connect(combo, &QComboBox::activated, this, &MappingEditor::onComboChanged);
    connect(m_epochUnit, &QComboBox::activated, this, [this] { emit epochUnitChanged(epochUnit()); });
    connect(m_spec, &QLineEdit::editingFinished, this, &MappingEditor::onSpecEdited);
    connect(m_reset, &QPushButton::clicked, this, [this] { emit mappingEdited(QString()); });
}

QComboBox* MappingEditor::fieldCombo(Target target) const
{
    switch (target) {
    case Target::Stream:
        return m_stream;
    case Target::Type:
        return m_type;
    case Target::Time:
        return m_time;
    case Target::Id:
        return m_id;
    case Target::Data:
        return m_data;
    default:
        return nullptr;
    }
}

void MappingEditor::showPreview(const PreviewResult& result)
{
    m_updating = true;
    m_shown = result;
    const bool editable = result.mappingOrigin != MappingOrigin::None &&
                          result.mappingOrigin != MappingOrigin::CloudEvents &&
                          result.mappingSpec != QLatin1String("cloudevents");
    for (const Target target : editedTargets) {
        QComboBox* combo = fieldCombo(target);
        fillCombo(combo, target, result.fields);
        combo->setEnabled(editable);
    }
    m_spec->setText(result.mappingSpec);
    m_spec->setCursorPosition(0); // a long mapping reads from its start: stream, type, time
    m_spec->setEnabled(result.mappingOrigin != MappingOrigin::None);
    m_reset->setEnabled(result.mappingOrigin == MappingOrigin::Given);
    m_origin->setNotice(result.mappingOrigin == MappingOrigin::Suggested ? NoticeLabel::Kind::Warning
                                                                         : NoticeLabel::Kind::Info,
                        mappingOriginText(result));
    m_updating = false;
}

void MappingEditor::fillCombo(QComboBox* combo, Target target, const QStringList& fields)
{
    combo->clear();
    const QString current = m_shown.mapping.source(target);
    switch (target) {
    case Target::Id:
        combo->addItem(tr("None (derived)"), QString());
        break;
    case Target::Data:
        combo->addItem(tr("The remaining fields"), QString());
        combo->addItem(tr("The whole record"), QStringLiteral("*"));
        break;
    default:
        if (current.isEmpty())
            combo->addItem(tr("Choose a field\u2026"), QString());
    }
    for (const QString& field : fields)
        combo->addItem(field, field);
    // A mapping may name a field the sampled records do not have (a preset's optional field).
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(current, current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void MappingEditor::onComboChanged()
{
    if (m_updating)
        return;
    FieldMapping mapping = m_shown.mapping;
    mapping.name = QStringLiteral("custom");
    for (const Target target : editedTargets) {
        const QString source = fieldCombo(target)->currentData().toString();
        if (source.isEmpty())
            mapping.fields.remove(target);
        else
            mapping.fields.insert(target, source);
    }
    const QString spec = mapping.toSpec();
    m_spec->setText(spec);
    emit mappingEdited(spec);
}

void MappingEditor::onSpecEdited()
{
    if (m_updating)
        return;
    const QString text = m_spec->text().trimmed();
    if (text == m_shown.mappingSpec)
        return;
    if (!text.isEmpty() && text != QLatin1String("cloudevents")) {
        QString error;
        if (!FieldMapping::parse(text, &error)) {
            showSpecError(error);
            return;
        }
    }
    emit mappingEdited(text);
}

void MappingEditor::showSpecError(const QString& error)
{
    m_origin->setNotice(NoticeLabel::Kind::Error, tr("Not applied: %1").arg(error));
}

void MappingEditor::setEpochUnit(EpochUnit unit)
{
    m_epochUnit->setCurrentIndex(std::max(0, m_epochUnit->findData(int(unit))));
}

EpochUnit MappingEditor::epochUnit() const
{
    return EpochUnit(m_epochUnit->currentData().toInt());
}

QString MappingEditor::specText() const
{
    return m_spec->text();
}

} // namespace eventscope::gui
