/*
 * All vertices of a polytope {z in R^d : z >= 0, Mz <= 1} with M > 0, by a
 * depth-first search of the graph of its feasible bases (enummixed.c).
 */
#ifndef MECHKIT_VERTEX_SEARCH_INTERNAL_H
#define MECHKIT_VERTEX_SEARCH_INTERNAL_H

#include <gmp.h>
#include <stdint.h>

#include "mechkit/error.h"

/* {z >= 0 : Mz <= 1}, M r x d row-major with every entry > 0 (so the
 * polytope is bounded and contains 0); coordinate s has label
 * coord_label + s, row q label row_label + q, all labels below 64. */
typedef struct mk_vsearch_polytope {
    size_t d, r;
    const mpz_t *mat;
    const int64_t *mat64; /* mat as int64, or NULL when an entry does not fit */
    size_t coord_label, row_label;
} mk_vsearch_polytope;

/* The label set (the tight constraints) of every vertex other than 0, in
 * *labels (malloc'd, *count entries, in no particular order; each vertex
 * once). Pivots run on 128-bit integers (fraction-free, Edmonds 1967) with
 * 256-bit intermediates, and on GMP while an entry does not fit. Only
 * lexicographically feasible bases are visited (one per vertex of the
 * perturbed, simple polytope). MK_ELIMIT when more than max_bases of them
 * would be visited; MK_ENOMEM. */
int mk_vsearch_vertices(const mk_vsearch_polytope *p, size_t max_bases, uint64_t **labels,
                        size_t *count, mk_ctx *ctx);

#endif
