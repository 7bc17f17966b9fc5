/*
 * mechkit/money.h - exact money: int64 minor units at a decimal scale.
 *
 * An amount is an int64_t count of minor units; its scale is the number of
 * decimal places of one unit (2 for cents: 1250 at scale 2 is "12.50").
 * Parsing is exact: a decimal string with more places than the scale is
 * rejected, never rounded. Every arithmetic step is overflow-checked.
 */
#ifndef MECHKIT_MONEY_H
#define MECHKIT_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest supported scale: 10^18 is the largest power of ten in int64. */
#define MK_SCALE_MAX 18

/** Longest formatted amount: sign, 19 digits, point, NUL, with room. */
#define MK_MONEY_FORMAT_MAX 48

/**
 * Parses the decimal string s[0..len) at the given scale into minor units.
 * Accepted: an optional '-', one or more digits, optionally '.' and one or
 * more digits ("12", "12.5", "-0.05"; "007" and "-0" too). Rejected with
 * MK_EINPUT: empty, "+1", ".5", "5.", "1e3", "NaN", spaces, a NUL byte
 * inside s[0..len), and more decimal places than scale ("1.005" at scale
 * 2, and also "1.000": exact means no rounding, not even of zeros).
 * MK_ERANGE when the value does not fit int64 ("92233720368547758.08" at
 * scale 2; "-92233720368547758.08" fits) or scale is outside
 * 0..MK_SCALE_MAX. The message names the offending text (its first 40
 * bytes); callers prefix the location. ctx may be NULL; s may be NULL only
 * when len is 0. *out is written only on success. O(len).
 */
int mk_money_parse(const char *s, size_t len, int scale, int64_t *out, mk_ctx *ctx);

/**
 * Number of decimal places written in the decimal string s[0..len)
 * ("12.50" has 2, "7" has 0), or -1 when s is not a decimal of the form
 * mk_money_parse accepts. Used to infer an input's scale. A count above
 * INT_MAX is reported as INT_MAX.
 */
int mk_decimal_places(const char *s, size_t len);

/**
 * Writes amount at scale as a decimal string with exactly scale places
 * ("12.50", "-0.05", "7") into buf, which holds at least
 * MK_MONEY_FORMAT_MAX bytes. Every int64 is exact, INT64_MIN included
 * ("-92233720368547758.08" at scale 2), and the text parses back to amount
 * at the same scale. A scale outside 0..MK_SCALE_MAX is a caller bug: buf
 * then holds "(bad scale)". Returns buf.
 */
char *mk_money_format(int64_t amount, int scale, char *buf);

/** 10^scale into *out for 0 <= scale <= MK_SCALE_MAX; MK_ERANGE otherwise. */
int mk_pow10(int scale, int64_t *out);

/** Converts amount from scale `from` to scale `to` >= from exactly;
 *  MK_ERANGE on overflow or when to < from. */
int mk_money_rescale(int64_t amount, int from, int to, int64_t *out);

/** *out = a + b, a - b, a * b; MK_ERANGE (out untouched) on overflow. */
int mk_checked_add(int64_t a, int64_t b, int64_t *out);
int mk_checked_sub(int64_t a, int64_t b, int64_t *out);
int mk_checked_mul(int64_t a, int64_t b, int64_t *out);

/** *out = a * b for sizes; MK_ERANGE (out untouched) on overflow. */
int mk_checked_size_mul(size_t a, size_t b, size_t *out);

/**
 * Largest-remainder (Hamilton) allocation: splits total >= 0 over n
 * weights >= 0 (not all zero) so that share[i] is floor(total*w[i]/W) or
 * one more, and the shares sum exactly to total. The units left after
 * flooring go to the largest fractional remainders; equal remainders go to
 * the lowest index. Intermediate products use 128-bit integers, so any
 * int64 total and weights are exact. Example: 100 over 1,1,1 gives
 * 34,33,33; 10 over 0,0,5 gives 0,0,10 (a zero weight gets nothing).
 * O(n log n); allocates O(n) scratch only when units are left over.
 * Errors: MK_EINPUT for a negative total or weight, or all-zero weights
 * (n == 0 included), MK_ENOMEM. shares is written only on success.
 */
int mk_allocate_largest_remainder(int64_t total, const int64_t *weights, size_t n, int64_t *shares,
                                  mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
