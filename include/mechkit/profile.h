/*
 * mechkit/profile.h - profiles of reports or types, as flat plain data.
 *
 * A profile is n participants, each a row of `width` int64 cells whose
 * meaning the mechanism family defines (bids.h for auctions), with an
 * optional multiplicity per row, so that 100,000 ballots of 300 kinds are
 * 300 rows. Because a profile is flat, the auditor copies, hashes and
 * perturbs it without knowing what it holds.
 */
#ifndef MECHKIT_PROFILE_H
#define MECHKIT_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mk_profile {
    size_t n;                  /**< participants (rows) */
    size_t width;              /**< cells per row */
    size_t capacity;           /**< cells allocated (>= n * width) */
    int64_t *cells;            /**< n * width cells, row-major; owned */
    int64_t *weight;           /**< n multiplicities, owned; NULL means all 1 */
    size_t weight_capacity;    /**< rows the weight array holds (0 if unknown) */
    const char *const *labels; /**< n participant ids, borrowed; may be NULL */
} mk_profile;

/* clang-format off */
#define MK_PROFILE_INIT {0, 0, 0, NULL, NULL, 0, NULL}
/* clang-format on */

/** Row i of p (no bounds check: i < p->n). */
static inline int64_t *mk_profile_row(const mk_profile *p, size_t i)
{
    return p->cells + i * p->width;
}

/** Sets p to n rows of width cells, all zero, reusing its memory when it is
 *  large enough (so that a loop that resizes allocates once). Labels and
 *  weights are reset to 1 (kept allocated when they fit, so that a loop
 *  over weighted profiles allocates once). MK_ERANGE if n * width overflows, MK_ENOMEM. */
int mk_profile_resize(mk_profile *p, size_t n, size_t width, mk_ctx *ctx);

/** Makes room in p for `rows` rows of `width` cells and their weights,
 *  keeping its rows, weights and p->n (for readers that add rows one at a
 *  time: the room at least doubles, so each row costs amortised
 *  O(width)). MK_ERANGE, MK_ENOMEM. */
int mk_profile_reserve(mk_profile *p, size_t rows, size_t width, mk_ctx *ctx);

/** Gives p a weight array of at least p->n entries (1 for rows that had
 *  no weight), for callers that set multiplicities; existing weights are
 *  kept. MK_ENOMEM. */
int mk_profile_weigh(mk_profile *p, mk_ctx *ctx);

/** The start of every split() (mk_mechanism.split): out becomes the rows
 *  of p followed by k - 1 copies of row who, so identity 0 of the split
 *  is row who and identity j >= 1 is row p->n + j - 1 (mk_profile_identity);
 *  the caller then shares who's report among them. Labels and weights are
 *  dropped. MK_EPARAM for who >= p->n, k == 0 or out == p; MK_ERANGE,
 *  MK_ENOMEM. */
int mk_profile_split_copies(const mk_profile *p, size_t who, size_t k, mk_profile *out,
                            mk_ctx *ctx);

/** Row of identity j of a split made by mk_profile_split_copies. */
static inline int64_t *mk_profile_identity(mk_profile *out, size_t n, size_t who, size_t j)
{
    return mk_profile_row(out, j == 0 ? who : n + j - 1);
}

/** Makes dst an exact copy of src (cells, weights; labels shared), reusing
 *  dst's memory when large enough. */
int mk_profile_copy(mk_profile *dst, const mk_profile *src, mk_ctx *ctx);

/** Frees the cells and weights of p (labels are borrowed) and resets it. */
void mk_profile_free(mk_profile *p);

/**
 * What a reader makes of one input: the reports, the types when the input
 * gives them (e.g. bidders' true values), the money scale, the labels and
 * the names of the outcome's entries.
 */
typedef struct mk_dataset {
    mk_profile reports;
    mk_profile types; /**< types.n == 0 when the input gives no types */
    int scale;        /**< decimal places of every amount in the input */
    char **labels;    /**< reports.n participant ids, owned */
    char **items;     /**< names of what the outcome is about when it is not the
                           participants (an election's candidates), owned;
                           NULL otherwise */
    size_t n_items;
    size_t skipped; /**< input records skipped as malformed, when the reader
                         was asked to skip them rather than stop */
} mk_dataset;

/* clang-format off */
#define MK_DATASET_INIT {MK_PROFILE_INIT, MK_PROFILE_INIT, 0, NULL, NULL, 0, 0}
/* clang-format on */

/** Frees n owned strings and the array that holds them; NULL is fine. */
void mk_names_free(char **names, size_t n);

/** The end of a reader that collects names as it goes: when rc is 0, d
 *  takes labels (its reports.n participant ids, also reports.labels) and
 *  items (n_items), and moves to *out; otherwise the names (n_labels and
 *  n_items of them) and d are freed and *out is untouched. Returns rc. */
int mk_dataset_adopt_names(mk_dataset *d, char **labels, size_t n_labels, char **items,
                           size_t n_items, int rc, mk_dataset *out);

/** Frees everything d owns and resets it. mk_dataset_free(NULL) is a no-op. */
void mk_dataset_free(mk_dataset *d);

/** Index of the participant labelled `label` in d, or -1. O(n). */
long mk_dataset_find(const mk_dataset *d, const char *label);

#ifdef __cplusplus
}
#endif
#endif
