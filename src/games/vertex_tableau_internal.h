/*
 * The fraction-free simplex tableau of {(z, w) >= 0 : Mz + w = 1} that the
 * vertex search (vertex_search.c) pivots on, in 128-bit integers or GMP.
 */
#ifndef MECHKIT_VERTEX_TABLEAU_INTERNAL_H
#define MECHKIT_VERTEX_TABLEAU_INTERNAL_H

#include <gmp.h>
#include <stdint.h>

#include "vertex_search_internal.h"
#include "core/wide_int.h"

/* r rows, columns 0..d-1 the z variables, d..d+r-1 the slacks, d+r the
 * right-hand side. Only nonbasic columns and the right-hand side are kept
 * current (a basic column is D times a unit vector). */
typedef struct mk_vtableau {
    size_t d, r, w;   /* w = d + r + 1 columns */
    size_t *basic;    /* variable of each row */
    uint64_t cobasis; /* nonbasic variables */
    int big;          /* entries in tz (GMP) rather than t */
    mk_i128 *t, det;  /* the current entries */
    mk_i128 *spare;   /* where the next pivot writes */
    mk_i128 *init;    /* the all-slack tableau, for rebuilding */
    int can_rebuild;  /* init is there: M fits 64 bits */
    mk_i128 *work[2]; /* rebuilding space */
    mk_i128 *mem;     /* the block holding the five above */
    size_t *cur;      /* the basis while rebuilding */
    mpz_t *tz, detz, tmp, tmp2;
} mk_vtableau;

/* The all-slack tableau of p (the vertex 0); -1 when out of memory. */
int mk_vtableau_init(mk_vtableau *tb, const mk_vsearch_polytope *p);
void mk_vtableau_clear(mk_vtableau *tb);

/* The sign of entry (i, j). */
int mk_vtableau_sign(const mk_vtableau *tb, size_t i, size_t j);

/* Pivots variable enter into the basis at row (its entry there > 0);
 * cols is workspace of d + 1 entries. */
void mk_vtableau_pivot(mk_vtableau *tb, size_t row, size_t enter, size_t *cols);

/* The tableau of the basis target (the variable of each row) computed
 * afresh from the all-slack one; 0, with the tableau unchanged, when that
 * is not possible in 128 bits (then pivot instead). Only when !big and
 * can_rebuild. */
int mk_vtableau_rebuild(mk_vtableau *tb, const size_t *target, size_t *cols);

/* The row of the lexicographic minimum ratio test for entering variable j
 * into rows[0] (rows: workspace of r entries); 1, or 0 when no entry of
 * column j is positive. */
size_t mk_vtableau_min_ratio(mk_vtableau *tb, size_t j, size_t *rows);

#endif
