#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace eventscope::bench {

// The fixed vocabulary of the orders & inventory domain: places, suppliers, carriers, people.
// Everything a customer or a sku "is" is derived from its number and the seed, so nothing per
// customer needs to be stored.
struct Address
{
    std::string street; // "12 Rue de la République"
    std::string_view postcode;
    std::string_view city;
    std::string_view country;
};

class Catalog
{
public:
    explicit Catalog(std::uint64_t seed) : m_seed(seed) {}

    Address customerAddress(std::int64_t customer) const;
    std::string_view warehouseOf(std::int64_t sku) const;
    std::string_view supplierOf(std::int64_t sku) const;
    // A list price in cents, between about 3 and 250 euros, ending in .99, .49 or .00.
    std::int64_t listPrice(std::int64_t sku) const;

    static std::span<const std::string_view> channels();
    static std::span<const std::string_view> paymentMethods();
    static std::span<const std::string_view> carriers();
    static std::span<const std::string_view> cancelReasons();
    static std::span<const std::string_view> priceReasons();
    static std::span<const std::string_view> merchandisers();
    static std::span<const std::string_view> supportAgents();

private:
    std::uint64_t hash(std::int64_t number, std::uint64_t salt) const;

    std::uint64_t m_seed;
};

} // namespace eventscope::bench
