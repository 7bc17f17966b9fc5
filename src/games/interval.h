/*
 * interval.h - closed intervals of doubles with outward rounding, private
 * to mechkit: every result contains the exact result of the operation on
 * any points of the operands (each bound is moved one step outwards with
 * nextafter after the rounded operation, which covers its half-ulp
 * error; Moore, Kearfott and Cloud, "Introduction to Interval Analysis",
 * 2009, ch. 2 and 9). Used to certify the roots that enumpoly finds.
 */
#ifndef MECHKIT_GAMES_INTERVAL_H
#define MECHKIT_GAMES_INTERVAL_H

#include <math.h>

#include "mechkit/rational.h"

typedef struct ival {
    double lo, hi;
} ival;

static inline ival iv_point(double x)
{
    return (ival){x, x};
}

static inline ival iv_make(double lo, double hi)
{
    return (ival){nextafter(lo, -INFINITY), nextafter(hi, INFINITY)};
}

static inline ival iv_add(ival a, ival b)
{
    return iv_make(a.lo + b.lo, a.hi + b.hi);
}

static inline ival iv_sub(ival a, ival b)
{
    return iv_make(a.lo - b.hi, a.hi - b.lo);
}

static inline ival iv_mul(ival a, ival b)
{
    double p[4] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
    double lo = p[0], hi = p[0];
    for (int k = 1; k < 4; k++) {
        lo = p[k] < lo ? p[k] : lo;
        hi = p[k] > hi ? p[k] : hi;
    }
    return iv_make(lo, hi);
}

/* An exact rational, enclosed: the conversions of num and den to double
 * and the division each round once, so two steps outwards suffice. */
static inline ival iv_rational(mk_rational r)
{
    double v = (double)r.num / (double)r.den;
    return (ival){nextafter(nextafter(v, -INFINITY), -INFINITY),
                  nextafter(nextafter(v, INFINITY), INFINITY)};
}

static inline int iv_contains_zero(ival a)
{
    return a.lo <= 0 && a.hi >= 0;
}

static inline double iv_mid(ival a)
{
    return a.lo + (a.hi - a.lo) / 2;
}

static inline double iv_width(ival a)
{
    return a.hi - a.lo;
}

#endif
