#include "catalog.h"

#include "jsonbuilder.h"

#include <cmath>

namespace eventscope::bench {
namespace {

struct City
{
    std::string_view name;
    std::string_view postcode;
    std::string_view country;
};

// A few non-ASCII names on purpose: the importers must carry UTF-8 through untouched.
constexpr City cities[] = {
    {"Lyon", "69002", "FR"},      {"Lille", "59000", "FR"},     {"Nantes", "44000", "FR"},
    {"Berlin", "10115", "DE"},    {"München", "80331", "DE"},   {"Hamburg", "20095", "DE"},
    {"Zürich", "8001", "CH"},     {"Kraków", "31-000", "PL"},   {"Wien", "1010", "AT"},
    {"Amsterdam", "1012", "NL"},  {"Barcelona", "08001", "ES"}, {"Milano", "20121", "IT"},
    {"Bruxelles", "1000", "BE"},  {"København", "1050", "DK"},  {"Porto", "4000-322", "PT"},
    {"Göteborg", "411 01", "SE"},
};

constexpr std::string_view streets[] = {
    "Rue de la République", "Hauptstraße",    "Calle Mayor",   "Via Roma",
    "Kerkstraat",           "Bahnhofstrasse", "Ulica Długa",   "Avenue Foch",
    "Lindenallee",          "Rua das Flores", "Storgatan",     "Grønnegade",
    "Rue Nationale",        "Schillerplatz",  "Via Garibaldi",
};

constexpr std::string_view warehouses[] = {"WH-LYON", "WH-HAMBURG", "WH-MILANO"};
constexpr std::string_view suppliers[] = {"Atelier Dupont", "Nordic Supply AB", "Fabbrica Conti",
                                          "Holzwerk Meier", "Porto Têxteis"};
constexpr std::string_view channelNames[] = {"web",        "web",         "web",  "mobile-app",
                                             "mobile-app", "marketplace", "phone"};
constexpr std::string_view paymentMethodNames[] = {"card",   "card",      "card",          "paypal",
                                                   "paypal", "apple-pay", "bank-transfer", "gift-card"};
constexpr std::string_view carrierNames[] = {"DHL", "UPS", "GLS", "DPD", "Colissimo"};
constexpr std::string_view cancelReasonNames[] = {"customer-request", "customer-request", "payment-declined",
                                                  "address-invalid", "duplicate-order"};
constexpr std::string_view priceReasonNames[] = {"repricing", "repricing", "repricing", "promotion",
                                                 "supplier-cost"};
constexpr std::string_view merchandiserNames[] = {"pricing-bot", "pricing-bot", "pricing-bot", "merch.julia",
                                                  "merch.tomasz"};
constexpr std::string_view supportAgentNames[] = {"support.lea", "support.omar", "support.ines"};

template <typename T, std::size_t n> const T& pick(const T (&table)[n], std::uint64_t h)
{
    return table[h % n];
}

} // namespace

std::uint64_t Catalog::hash(std::int64_t number, std::uint64_t salt) const
{
    std::uint64_t z = m_seed ^ (std::uint64_t(number) * 0x9e3779b97f4a7c15ULL) ^ salt;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Address Catalog::customerAddress(std::int64_t customer) const
{
    const std::uint64_t h = hash(customer, 0xadd7e55);
    const City& city = pick(cities, h);
    Address address;
    appendInteger(address.street, std::int64_t(h >> 20) % 180 + 1);
    address.street += ' ';
    address.street += pick(streets, h >> 8);
    address.postcode = city.postcode;
    address.city = city.name;
    address.country = city.country;
    return address;
}

std::string_view Catalog::warehouseOf(std::int64_t sku) const
{
    return pick(warehouses, hash(sku, 0x3a7e));
}

std::string_view Catalog::supplierOf(std::int64_t sku) const
{
    return pick(suppliers, hash(sku, 0x5a991));
}

std::int64_t Catalog::listPrice(std::int64_t sku) const
{
    const std::uint64_t h = hash(sku, 0x9121ce);
    const double euros = 3.0 * std::pow(80.0, double(h % 10000) / 10000.0); // log-uniform 3..240
    static constexpr int endings[] = {99, 49, 0};
    return std::int64_t(euros) * 100 + endings[(h >> 16) % 3];
}

std::span<const std::string_view> Catalog::channels()
{
    return channelNames;
}
std::span<const std::string_view> Catalog::paymentMethods()
{
    return paymentMethodNames;
}
std::span<const std::string_view> Catalog::carriers()
{
    return carrierNames;
}
std::span<const std::string_view> Catalog::cancelReasons()
{
    return cancelReasonNames;
}
std::span<const std::string_view> Catalog::priceReasons()
{
    return priceReasonNames;
}
std::span<const std::string_view> Catalog::merchandisers()
{
    return merchandiserNames;
}
std::span<const std::string_view> Catalog::supportAgents()
{
    return supportAgentNames;
}

} // namespace eventscope::bench
