#pragma once

#include <QLocale>
#include <QString>

namespace eventscope::gui {

// "1 draft", "3 drafts" (tr()'s %n needs a translation to pick the plural).
inline QString counted(qsizetype n, const QString& one, const QString& many)
{
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

} // namespace eventscope::gui
