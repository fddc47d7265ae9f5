#pragma once

#include "event.h"

#include <QString>

namespace eventscope::importers::live {

class PgLayout;
class PgResult;

// What is wrong with a row: the column (as PgLayout numbers them) and why; column -1 = nothing.
struct PgRowProblem
{
    int column = -1;
    QString why;

    explicit operator bool() const { return column >= 0; }
};

// Reads row `row` of a layout's ten columns into `event` (its position left alone). The first
// problem found stops the reading, leaving the event incomplete.
PgRowProblem readPgRow(const PgLayout& layout, const PgResult& rows, int row, Event& event);

} // namespace eventscope::importers::live
