/*
 * gmp_array.h - arrays of GMP rationals, allocated and initialised in one
 * step, for the exact solvers. Private to mechkit.
 */
#ifndef MECHKIT_CORE_GMP_ARRAY_H
#define MECHKIT_CORE_GMP_ARRAY_H

#include <gmp.h>
#include <stdlib.h>

/* n initialised rationals (0), or NULL when out of memory; n may be 0. */
static inline mpq_t *mk_mpq_array(size_t n)
{
    mpq_t *a = malloc((n > 0 ? n : 1) * sizeof *a);
    for (size_t i = 0; a != NULL && i < n; i++)
        mpq_init(a[i]);
    return a;
}

/* Clears and frees the n rationals of a (NULL is allowed). */
static inline void mk_mpq_array_free(mpq_t *a, size_t n)
{
    for (size_t i = 0; a != NULL && i < n; i++)
        mpq_clear(a[i]);
    free(a);
}

#endif
