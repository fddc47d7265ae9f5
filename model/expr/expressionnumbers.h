#pragma once

// JavaScript's conversions between numbers and text, shared by the lexer (literals) and the evaluator
// (ToNumber, ToString, property keys).

#include <cstdint>
#include <limits>
#include <string_view>

namespace eventscope::expr::detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The value of c as a digit in bases up to 36; 99 when it is not one, so that `>= base` rejects it.
int digitValue(char c);
// A decimal literal already checked to be digits, a point, digits and an exponent; no sign.
double parseDecimal(std::string_view text);
// ToNumber of a string: whitespace trimmed, "" is 0, 0x/0o/0b, Infinity, else NaN if not a number.
double stringToNumber(std::string_view text);
// Whether text is a canonical array index ("0", "17", not "017" or "-1"); sets *index only if so.
bool isArrayIndex(std::string_view text, std::int64_t* index);
// Number::toString(10): the shortest digits that read back, laid out as JavaScript does
// ("1e+21", "0.000001", "1e-7"). `out` has room for 32 characters.
std::string_view formatNumber(double d, char* out);

} // namespace eventscope::expr::detail
