#include "appenddialog.h"

#include "live/draftappend.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace eventscope::gui {

AppendDialog::AppendDialog(const QString& workspacePath, std::vector<compensation::Draft> drafts,
                           QWidget* parent)
    : QDialog(parent), m_drafts(std::move(drafts)), m_target(new QComboBox(this)),
      m_summary(new QLabel(this)), m_plan(new QPlainTextEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Append Drafts"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->addItem(workspacePath);
    m_target->lineEdit()->setPlaceholderText(
        tr("a workspace file, or postgresql://user@host:5432/db?layout=messagedb"));
    m_target->setToolTip(
        tr("This workspace (the drafts become part of its log), another workspace file, or a "
           "PostgreSQL store: postgresql://user@host:port/db?layout=messagedb|marten, or "
           "?table=...&version=... for a mapped table. The password comes from PGPASSWORD or "
           "~/.pgpass and is never stored."));
    auto* browse = new QPushButton(tr("Workspace\u2026"), this);
    connect(browse, &QPushButton::clicked, this, &AppendDialog::browse);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_plan->setReadOnly(true);
    m_plan->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_plan->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Append"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &QComboBox::editTextChanged, this, &AppendDialog::updatePlan);

    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Append to:"), targetRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_plan, 1);
    layout->addWidget(m_buttons);
    resize(760, 520);
    updatePlan();
}

QString AppendDialog::target() const
{
    return m_target->currentText().trimmed();
}

void AppendDialog::setTarget(const QString& target)
{
    m_target->setEditText(target);
    updatePlan();
}

QString AppendDialog::planText() const
{
    return m_plan->toPlainText();
}

bool AppendDialog::canAppend() const
{
    return m_valid;
}

void AppendDialog::browse()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Append to Workspace"), QFileInfo(target()).absolutePath(),
                                     tr("Eventscope workspaces (*.eventscope)"));
    if (!path.isEmpty())
        setTarget(path);
}

void AppendDialog::updatePlan()
{
    m_valid = false;
    try {
        const auto plan =
            importers::live::planAppend(target(), m_drafts, QDateTime::currentMSecsSinceEpoch() * 1000);
        QStringList lines;
        for (const auto& planned : plan.events) {
            const Event& e = planned.event;
            lines << tr("%1  version %2 (expects %3)  %4  id %5")
                         .arg(e.stream)
                         .arg(e.streamVersion)
                         .arg(planned.expectedVersion < 0 ? tr("no event yet")
                                                          : QString::number(planned.expectedVersion))
                         .arg(e.type, e.id);
            lines << QStringLiteral("    data     ") + QString::fromUtf8(e.data);
            lines << QStringLiteral("    metadata ") + QString::fromUtf8(e.metadata);
        }
        m_plan->setPlainText(lines.join(QLatin1Char('\n')));
        m_summary->setText(
            tr("%1 events will be appended to %2 (%3), each stream checked against the version "
               "its drafts expect inside one transaction: if any stream moved on, nothing is "
               "written and the drafts record the conflict.")
                .arg(plan.events.size())
                .arg(plan.target.display, plan.store));
        m_valid = !plan.events.empty();
    } catch (const importers::live::DraftAppendError& e) {
        m_summary->setText(e.message());
        m_plan->clear();
    } catch (const compensation::AppendConflictError& e) {
        m_summary->setText(e.message());
        m_plan->clear();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

} // namespace eventscope::gui
