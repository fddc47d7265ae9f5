#pragma once

#include <QByteArrayView>
#include <QString>

namespace eventscope::gui {

// The classic hex dump of a binary payload, one line per 16 bytes:
//   00000000  0a 07 6f 72 64 65 72 2d  34 32 10 02 1a 05 73 6b  |..order-42....sk|
// an 8-digit hex offset, the bytes in two groups of eight, and their printable ASCII ('.' for
// anything else). Lines stop after maxBytes, with a last line saying how many bytes were left out,
// so that a large blob costs what is shown.
QString hexDump(QByteArrayView bytes, qsizetype maxBytes = 64 * 1024);

} // namespace eventscope::gui
