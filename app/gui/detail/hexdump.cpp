#include "hexdump.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace eventscope::gui {
namespace {

constexpr qsizetype bytesPerLine = 16;
constexpr char hexDigits[] = "0123456789abcdef";

void appendHex(QString& out, quint64 value, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += QLatin1Char(hexDigits[(value >> shift) & 0xF]);
}

} // namespace

QString hexDump(QByteArrayView bytes, qsizetype maxBytes)
{
    const qsizetype shown = std::min(bytes.size(), std::max<qsizetype>(maxBytes, 0));
    // Offset, two spaces, 16 x "xx " plus the group gap, " |", the ASCII column, "|" and a newline.
    constexpr qsizetype lineChars = 8 + 2 + bytesPerLine * 3 + 1 + 2 + bytesPerLine + 2;
    QString out;
    out.reserve((shown / bytesPerLine + 2) * lineChars);
    for (qsizetype lineStart = 0; lineStart < shown; lineStart += bytesPerLine) {
        const qsizetype lineEnd = std::min(lineStart + bytesPerLine, shown);
        appendHex(out, quint64(lineStart), 8);
        out += QLatin1String("  ");
        for (qsizetype i = lineStart; i < lineStart + bytesPerLine; ++i) {
            if (i == lineStart + bytesPerLine / 2)
                out += QLatin1Char(' ');
            if (i < lineEnd) {
                appendHex(out, uchar(bytes[i]), 2);
                out += QLatin1Char(' ');
            } else {
                out += QLatin1String("   "); // keeps the ASCII column aligned on the last line
            }
        }
        out += QLatin1String(" |");
        for (qsizetype i = lineStart; i < lineEnd; ++i) {
            const char c = bytes[i];
            out += QLatin1Char(c >= 0x20 && c < 0x7f ? c : '.');
        }
        out += QLatin1String("|\n");
    }
    if (shown < bytes.size()) {
        out += QCoreApplication::translate("eventscope::gui::hexDump", "\u2026 %1 more bytes not shown\n")
                   .arg(QLocale().toString(bytes.size() - shown));
    }
    if (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

} // namespace eventscope::gui
