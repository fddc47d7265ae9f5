#include "testsupport.h"

#include <QFile>
#include <QTest>

namespace eventscope::testing {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write fixture %s", qPrintable(path));
    return path;
}

Event makeEvent(const QString& stream, const QString& type, qint64 timeUs, const QString& id)
{
    Event e;
    e.stream = stream;
    e.type = type;
    e.timeUs = timeUs;
    e.id = id.isEmpty() ? stream + QLatin1Char('/') + QString::number(timeUs) : id;
    e.data = QByteArrayLiteral("{}");
    return e;
}

} // namespace eventscope::testing
