/*
 * contributions_row.h - the amounts of a contributions row (the layout of
 * mechkit/funding.h) as 128-bit integers, whatever cells they take: for the
 * readers, the writer and the funding rules. Private to mechkit.
 */
#ifndef MECHKIT_IO_CONTRIBUTIONS_ROW_H
#define MECHKIT_IO_CONTRIBUTIONS_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "core/money_wide.h"
#include "mechkit/funding.h"

/** Project of pair j of row. */
static inline size_t mk_funding_project_at(const int64_t *row, size_t j)
{
    return (size_t)row[mk_funding_pair(row, j)];
}

/** Amount of pair j of row, in minor units. */
static inline mk_u128 mk_funding_amount_at(const int64_t *row, size_t j)
{
    size_t at = mk_funding_pair(row, j) + 1;
    return row[MK_FUNDING_LIMBS] == 2 ? mk_u128_from_limbs(row[at], row[at + 1]) : (mk_u128)row[at];
}

/** Sets the amount of pair j of row to v; MK_ERANGE (row untouched) when
 *  v does not fit the row's cells. */
static inline int mk_funding_set_amount(int64_t *row, size_t j, mk_u128 v)
{
    size_t at = mk_funding_pair(row, j) + 1;
    if (row[MK_FUNDING_LIMBS] == 2)
        return mk_u128_to_limbs(v, &row[at], &row[at + 1]);
    if (v > (mk_u128)INT64_MAX)
        return MK_ERANGE;
    row[at] = (int64_t)v;
    return MK_OK;
}

#endif
