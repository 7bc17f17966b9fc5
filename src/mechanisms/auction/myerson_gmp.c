/* Exact conversions between int64, mk_rational and GMP for the Myerson
 * code (see myerson_internal.h). GMP's own *_si functions take a long,
 * which is 32 bits on some platforms, so int64 goes through mpz_import
 * and mpz_export instead. */
#include "myerson_internal.h"

void mk_myerson_mpz_set_i64(mpz_t z, int64_t v)
{
    /* The magnitude as uint64: -(uint64)v is exact even for INT64_MIN. */
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    mpz_import(z, 1, 1, sizeof u, 0, 0, &u);
    if (v < 0)
        mpz_neg(z, z);
}

int mk_myerson_mpz_get_i64(const mpz_t z, int64_t *out)
{
    int sign = mpz_sgn(z);
    if (sign == 0) {
        *out = 0;
        return 0;
    }
    if (mpz_sizeinbase(z, 2) > 64)
        return MK_ERANGE;
    uint64_t u = 0;
    size_t count = 0;
    mpz_export(&u, &count, 1, sizeof u, 0, 0, z);
    if (sign > 0) {
        if (u > (uint64_t)INT64_MAX)
            return MK_ERANGE;
        *out = (int64_t)u;
    } else {
        if (u > (uint64_t)INT64_MAX + 1)
            return MK_ERANGE;
        /* -u in two's complement without overflowing int64. */
        *out = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
    }
    return 0;
}

void mk_myerson_mpq_set_rational(mpq_t q, mk_rational r)
{
    mk_myerson_mpz_set_i64(mpq_numref(q), r.num);
    mk_myerson_mpz_set_i64(mpq_denref(q), r.den);
    mpq_canonicalize(q);
}

int mk_myerson_mpq_get_rational(const mpq_t q, mk_rational *out)
{
    mk_rational r;
    if (mk_myerson_mpz_get_i64(mpq_numref(q), &r.num) != 0 ||
        mk_myerson_mpz_get_i64(mpq_denref(q), &r.den) != 0)
        return MK_ERANGE;
    *out = r;
    return 0;
}

void mk_myerson_mpq_to_units(mpq_t q, int scale)
{
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)scale);
    mpz_mul(mpq_denref(q), mpq_denref(q), p);
    mpq_canonicalize(q);
    mpz_clear(p);
}
