#include "connectdialog.h"

#include "live/sourceurl.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

const QString profilesKey = QStringLiteral("live/profiles");
const QString followKey = QStringLiteral("live/followNewest");

} // namespace

ConnectDialog::ConnectDialog(QWidget* parent, Purpose purpose)
    : QDialog(parent), m_url(new QComboBox(this)), m_problem(new QLabel(this)),
      m_follow(new QCheckBox(tr("Keep the playhead on the newest event"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_purpose(purpose)
{
    const bool attach = purpose == Purpose::Attach;
    setWindowTitle(attach ? tr("Attach to Store") : tr("Connect to Live Store"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    for (const QString& profile : profiles()) {
        if (!attach || profile.startsWith(QLatin1String("postgresql:")))
            m_url->addItem(profile);
    }
    m_url->lineEdit()->setPlaceholderText(
        QStringLiteral("postgresql://user@127.0.0.1:5432/db?layout=messagedb"));
    m_url->setMinimumWidth(520);
    auto* help = new QLabel(
        tr("<p>The events the store holds are appended to this workspace, then it is followed as it "
           "grows.</p>"
           "<p><tt>postgresql://user@host:5432/db?layout=messagedb</tt> (or <tt>marten</tt>, or "
           "<tt>table=&hellip;&amp;position=&hellip;&amp;stream=&hellip;</tt>)<br>"
           "<tt>nats://127.0.0.1:4222?stream=ORDERS&amp;subjects=orders.&gt;</tt><br>"
           "<tt>sqlite:///path/file.db?layout=eventsourcing</tt> (or another workspace: "
           "<tt>layout=eventscope</tt>)</p>"
           "<p>A PostgreSQL password comes from PGPASSWORD or ~/.pgpass, or is asked for; it is never "
           "saved.</p>"),
        this);
    if (attach)
        help->setText(
            tr("<p>The store is read in place: its events stay on the server, and the new workspace "
               "holds only your investigation (bookmarks, scripts, drafts). For stores too big to "
               "copy.</p>"
               "<p><tt>postgresql://user@host:5432/db?layout=messagedb</tt> (or <tt>marten</tt>, or "
               "<tt>table=&hellip;&amp;position=&hellip;&amp;stream=&hellip;&amp;type=&hellip;&amp;"
               "time=&hellip;</tt>)</p>"
               "<p>A password comes from PGPASSWORD or ~/.pgpass, or is asked for; it is never "
               "saved.</p>"));
    help->setWordWrap(true);
    help->setTextFormat(Qt::RichText);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_problem->setPalette(problemPalette);
    m_follow->setChecked(QSettings().value(followKey, true).toBool());
    m_buttons->button(QDialogButtonBox::Ok)->setText(attach ? tr("Attach\u2026") : tr("Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings().setValue(followKey, m_follow->isChecked());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QComboBox::editTextChanged, this, &ConnectDialog::validate);

    auto* form = new QFormLayout;
    form->addRow(tr("Store URL:"), m_url);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(help);
    layout->addWidget(m_follow);
    layout->addWidget(m_buttons);
    validate();
}

QString ConnectDialog::url() const
{
    return m_url->currentText().trimmed();
}

void ConnectDialog::setUrl(const QString& url)
{
    m_url->setEditText(url);
    validate();
}

bool ConnectDialog::followNewest() const
{
    return m_follow->isChecked();
}

void ConnectDialog::validate()
{
    QString error;
    const auto parsed = importers::live::SourceUrl::parse(url(), &error);
    m_valid = !url().isEmpty() && parsed.has_value();
    if (m_valid && m_purpose == Purpose::Attach) {
        if (parsed->scheme != QLatin1String("postgresql"))
            error =
                tr("Only PostgreSQL stores can be read in place; follow the others (Connect to Live Store).");
        else if (!parsed->parameter(QStringLiteral("category")).isEmpty())
            error = tr("An attached store is read whole: remove category=.");
        m_valid = error.isEmpty();
    }
    m_problem->setText(url().isEmpty() ? QString() : error);
    m_problem->setVisible(!m_valid && !url().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

QStringList ConnectDialog::profiles()
{
    return QSettings().value(profilesKey).toStringList();
}

void ConnectDialog::rememberProfile(const QString& canonicalUrl)
{
    QStringList list = profiles();
    list.removeAll(canonicalUrl);
    list.prepend(canonicalUrl);
    while (list.size() > maxProfiles)
        list.removeLast();
    QSettings().setValue(profilesKey, list);
}

} // namespace eventscope::gui
