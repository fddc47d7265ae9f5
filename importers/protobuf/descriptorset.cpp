#include "descriptorset.h"

#include "wirecheck.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <functional>
#include <string>

namespace eventscope::importers::protobuf {
namespace {

namespace gp = google::protobuf;

const std::string urlPrefix = "type.googleapis.com";

QString fromStd(const std::string& text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Builds errors into one message; the pool reports them while it builds a file.
class CollectErrors : public gp::DescriptorPool::ErrorCollector
{
public:
    void AddError(const std::string& filename, const std::string& elementName, const gp::Message*,
                  ErrorLocation location, const std::string& message) override
    {
        if (!m_text.isEmpty())
            return; // the first error explains; the rest follow from it
        if (location == IMPORT)
            m_text =
                QStringLiteral("unresolved import in %1: %2 (build the set with protoc --include_imports)")
                    .arg(fromStd(filename), fromStd(message));
        else
            m_text =
                QStringLiteral("%1: %2: %3").arg(fromStd(filename), fromStd(elementName), fromStd(message));
    }
    QString text() const { return m_text; }

private:
    QString m_text;
};

// Any's type URL may use any host ("type.example.com/acme.Order"); only the name after the last
// '/' identifies the type, so every prefix is accepted and resolved in our pool.
class AnyHostTypeResolver : public gp::util::TypeResolver
{
public:
    explicit AnyHostTypeResolver(const gp::DescriptorPool& pool)
        : m_inner(gp::util::NewTypeResolverForDescriptorPool(urlPrefix, &pool))
    {}
    gp::util::Status ResolveMessageType(const std::string& typeUrl, gp::Type* type) override
    {
        return m_inner->ResolveMessageType(normalised(typeUrl), type);
    }
    gp::util::Status ResolveEnumType(const std::string& typeUrl, gp::Enum* enumType) override
    {
        return m_inner->ResolveEnumType(normalised(typeUrl), enumType);
    }

private:
    static std::string normalised(const std::string& typeUrl)
    {
        const auto slash = typeUrl.rfind('/');
        return urlPrefix + '/' + (slash == std::string::npos ? typeUrl : typeUrl.substr(slash + 1));
    }
    std::unique_ptr<gp::util::TypeResolver> m_inner;
};

} // namespace

QString protobufContentType(const QString& messageType)
{
    return QStringLiteral("application/protobuf; messageType=") + messageType;
}

struct DescriptorSet::Private
{
    gp::SimpleDescriptorDatabase setFiles;
    gp::DescriptorPoolDatabase compiledIn{*gp::DescriptorPool::generated_pool()};
    gp::MergedDescriptorDatabase files{&setFiles, &compiledIn};
    CollectErrors errors; // must outlive the pool, which reports to it
    gp::DescriptorPool pool{&files, &errors};
    std::unique_ptr<gp::util::TypeResolver> resolver;
    std::vector<std::string> fileNames; // the set's own files, in the set's order
};

DescriptorSet::DescriptorSet(std::unique_ptr<Private> p) : d(std::move(p)) {}

DescriptorSet::~DescriptorSet() = default;

std::unique_ptr<DescriptorSet> DescriptorSet::load(const QString& path, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open descriptor set %1: %2").arg(path, file.errorString());
        return nullptr;
    }
    // A descriptor set is a few kilobytes to a few megabytes: read whole.
    return fromBytes(file.readAll(), QFileInfo(path).fileName(), error);
}

std::unique_ptr<DescriptorSet> DescriptorSet::fromBytes(const QByteArray& bytes, const QString& name,
                                                        QString& error)
{
    const auto notASet = [&](const QString& why) {
        error = QStringLiteral("%1 is not a FileDescriptorSet (%2); create one with protoc "
                               "--descriptor_set_out=%1 --include_imports")
                    .arg(name, why);
        return nullptr;
    };
    gp::FileDescriptorSet set;
    if (!set.ParseFromArray(bytes.constData(), int(bytes.size())))
        return notASet(QStringLiteral("it does not parse"));
    // Random bytes can parse as a message made only of unknown fields; a real set names its files.
    if (set.file_size() == 0)
        return notASet(QStringLiteral("it holds no files"));
    if (!set.GetReflection()->GetUnknownFields(set).empty())
        return notASet(QStringLiteral("it holds fields a FileDescriptorSet does not have"));

    auto p = std::make_unique<Private>();
    QSet<QString> names;
    for (const auto& fileProto : set.file()) {
        const QString fileName = fromStd(fileProto.name());
        if (fileName.isEmpty())
            return notASet(QStringLiteral("a file has no name"));
        if (names.contains(fileName)) {
            error = QStringLiteral("descriptor set %1 holds %2 twice").arg(name, fileName);
            return nullptr;
        }
        names.insert(fileName);
        p->setFiles.Add(fileProto);
        p->fileNames.push_back(fileProto.name());
    }
    // Built eagerly so that a broken set fails here, with its reason, not at the first payload.
    for (const auto& fileProto : set.file()) {
        if (!p->pool.FindFileByName(fileProto.name())) {
            const QString why = p->errors.text();
            error = QStringLiteral("descriptor set %1 does not build: %2")
                        .arg(name, why.isEmpty() ? fromStd(fileProto.name()) : why);
            return nullptr;
        }
    }
    p->resolver = std::make_unique<AnyHostTypeResolver>(p->pool);
    return std::unique_ptr<DescriptorSet>(new DescriptorSet(std::move(p)));
}

bool DescriptorSet::hasMessage(const QString& fullName) const
{
    return d->pool.FindMessageTypeByName(fullName.toStdString()) != nullptr;
}

QStringList DescriptorSet::messageTypes() const
{
    QStringList types;
    const std::function<void(const gp::Descriptor&)> add = [&](const gp::Descriptor& type) {
        if (type.options().map_entry())
            return; // synthesised for map fields; never a message of its own
        types << fromStd(type.full_name());
        for (int i = 0; i < type.nested_type_count(); ++i)
            add(*type.nested_type(i));
    };
    for (const std::string& name : d->fileNames) {
        if (const gp::FileDescriptor* file = d->pool.FindFileByName(name)) {
            for (int i = 0; i < file->message_type_count(); ++i)
                add(*file->message_type(i));
        }
    }
    types.sort();
    types.removeDuplicates();
    return types;
}

std::optional<QByteArray> DescriptorSet::toJson(const QString& fullName, QByteArrayView bytes,
                                                QString& error) const
{
    const std::string typeName = fullName.toStdString();
    const gp::Descriptor* type = d->pool.FindMessageTypeByName(typeName);
    if (!type) {
        error = QStringLiteral("message type %1 is not in the descriptor set").arg(fullName);
        return std::nullopt;
    }
    if (const WireProblem problem = checkWireFormat(*type, bytes, true); !problem.ok()) {
        error = QStringLiteral("cannot decode %1: %2").arg(fullName, problem.reason);
        return std::nullopt;
    }
    gp::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    std::string json;
    const auto status =
        gp::util::BinaryToJsonString(d->resolver.get(), urlPrefix + '/' + typeName,
                                     std::string(bytes.data(), size_t(bytes.size())), &json, options);
    if (!status.ok()) {
        const auto message = status.message();
        error = QStringLiteral("cannot decode %1: %2")
                    .arg(fullName, QString::fromUtf8(message.data(), qsizetype(message.size())));
        return std::nullopt;
    }
    return QByteArray(json.data(), qsizetype(json.size()));
}

} // namespace eventscope::importers::protobuf
