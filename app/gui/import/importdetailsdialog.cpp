#include "importdetailsdialog.h"

#include "importreporttext.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace eventscope::gui {

ImportDetailsDialog::ImportDetailsDialog(const importers::ImportReport& report, QWidget* parent)
    : QDialog(parent), m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Import Details"));
    auto* layout = new QVBoxLayout(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(importDetailsText(report));
    layout->addWidget(m_text);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 420);
}

QString ImportDetailsDialog::text() const
{
    return m_text->toPlainText();
}

} // namespace eventscope::gui
