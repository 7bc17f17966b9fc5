/*
 * money_wide.h - amounts past int64: unsigned 128-bit minor units, for
 * token rounds written in wei (10^18 minor units per token, so int64 stops
 * at about 9.2 tokens). Private to mechkit: the public API keeps int64
 * amounts, and a profile cell that must hold a wide amount holds it as
 * two base-10^18 limbs (see mechkit/funding.h). Exact; no rounding.
 */
#ifndef MECHKIT_CORE_MONEY_WIDE_H
#define MECHKIT_CORE_MONEY_WIDE_H

#include <stddef.h>
#include <stdint.h>

#include "mechkit/error.h"
#include "mechkit/params.h"

#if !defined(__SIZEOF_INT128__)
#error "mechkit needs a compiler with unsigned __int128 (gcc or clang)"
#endif

/* __extension__ keeps -Wpedantic quiet: __int128 is a gcc/clang extension. */
__extension__ typedef unsigned __int128 mk_u128;

/** Base of the two limbs of a wide amount: v = high * 10^18 + low. */
#define MK_LIMB_BASE INT64_C(1000000000000000000)

/** Longest formatted wide amount: 39 digits, a point, up to 18 leading
 *  zeros of a fraction, NUL, with room. */
#define MK_MONEY_WIDE_FORMAT_MAX 64

/** The amount high * 10^18 + low (0 <= low < 10^18, high >= 0). */
static inline mk_u128 mk_u128_from_limbs(int64_t high, int64_t low)
{
    return (mk_u128)high * (mk_u128)MK_LIMB_BASE + (mk_u128)low;
}

/** Splits v into base-10^18 limbs; 0 when high fits int64, MK_ERANGE
 *  (nothing written) otherwise. */
int mk_u128_to_limbs(mk_u128 v, int64_t *high, int64_t *low);

/**
 * Parses the non-negative decimal s[0..len) at scale (the grammar of
 * mk_money_parse) into minor units. MK_EINPUT, naming the text, when it is
 * malformed, negative or has more places than scale; MK_ERANGE past
 * 2^128 - 1 minor units or for a scale outside 0..MK_SCALE_MAX.
 */
int mk_money_parse_wide(const char *s, size_t len, int scale, mk_u128 *out, mk_ctx *ctx);

/** Writes v at scale (exactly scale places) into buf of at least
 *  MK_MONEY_WIDE_FORMAT_MAX bytes; returns buf. */
char *mk_money_format_wide(mk_u128 v, int scale, char *buf);

/** v * 10^(to - from) for to >= from; MK_ERANGE past 2^128 - 1. */
int mk_money_rescale_wide(mk_u128 v, int from, int to, mk_u128 *out);

/** Parameter `name` as a wide amount at scale (mk_params_get_money for
 *  128 bits); MK_EPARAM naming it when malformed. */
int mk_params_get_money_wide(const mk_params *p, const char *name, int scale, mk_u128 *out,
                             mk_ctx *ctx);

#endif
