#pragma once

// A throwaway nats-server with JetStream for the live-source suites: 127.0.0.1 on a free port,
// its store in a temporary directory, stopped at the end; and a publisher using the NATS C client
// as an application would. No mocks.

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <nats/nats.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <utility>
#include <vector>

namespace eventscope::testing {

class NatsServer
{
public:
    static QString program() { return QStringLiteral("/usr/sbin/nats-server"); }
    static bool installed() { return QFileInfo::exists(program()); }

    ~NatsServer() { stop(); }

    bool start(QString* error)
    {
        if (m_port == 0)
            m_port = freePort();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program(),
                        {QStringLiteral("-js"), QStringLiteral("-a"), QStringLiteral("127.0.0.1"),
                         QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-sd"), m_dir.path()});
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("nats-server did not start: ") + m_process.errorString();
            return false;
        }
        // Ready once it takes a connection.
        for (int i = 0; i < 100; ++i) {
            natsConnection* nc = nullptr;
            if (natsConnection_ConnectTo(&nc, url().toUtf8().constData()) == NATS_OK) {
                natsConnection_Destroy(nc);
                return true;
            }
            QThread::msleep(50);
        }
        *error =
            QStringLiteral("nats-server does not answer: ") + QString::fromLocal8Bit(m_process.readAll());
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

    int port() const { return m_port; }
    QString url() const { return QStringLiteral("nats://127.0.0.1:%1").arg(m_port); }

private:
    static int freePort()
    {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        int port = 0;
        if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        close(fd);
        return port;
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
};

// An application publishing to JetStream.
class NatsPublisher
{
public:
    explicit NatsPublisher(const QString& url)
    {
        m_ok = natsConnection_ConnectTo(&m_nc, url.toUtf8().constData()) == NATS_OK &&
               natsConnection_JetStream(&m_js, m_nc, nullptr) == NATS_OK;
    }
    ~NatsPublisher()
    {
        if (m_js)
            jsCtx_Destroy(m_js);
        if (m_nc)
            natsConnection_Destroy(m_nc);
    }
    NatsPublisher(const NatsPublisher&) = delete;
    NatsPublisher& operator=(const NatsPublisher&) = delete;

    bool ok() const { return m_ok; }

    bool addStream(const char* name, const char* subject)
    {
        jsStreamConfig config;
        jsStreamConfig_Init(&config);
        config.Name = name;
        const char* subjects[] = {subject};
        config.Subjects = subjects;
        config.SubjectsLen = 1;
        jsStreamInfo* info = nullptr;
        const bool added = js_AddStream(&info, m_js, &config, nullptr, nullptr) == NATS_OK;
        if (info)
            jsStreamInfo_Destroy(info);
        return added;
    }

    // Publishes and waits for JetStream's ack; the stream sequence, or 0 on failure.
    qint64 publish(const QByteArray& subject, const QByteArray& data,
                   const std::vector<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        natsMsg* message = nullptr;
        if (natsMsg_Create(&message, subject.constData(), nullptr, data.constData(), int(data.size())) !=
            NATS_OK)
            return 0;
        for (const auto& [key, value] : headers)
            natsMsgHeader_Add(message, key.constData(), value.constData());
        jsPubAck* ack = nullptr;
        const natsStatus s = js_PublishMsg(&ack, m_js, message, nullptr, nullptr);
        natsMsg_Destroy(message);
        qint64 sequence = 0;
        if (s == NATS_OK && ack)
            sequence = qint64(ack->Sequence);
        if (ack)
            jsPubAck_Destroy(ack);
        return sequence;
    }

private:
    natsConnection* m_nc = nullptr;
    jsCtx* m_js = nullptr;
    bool m_ok = false;
};

} // namespace eventscope::testing
