/* The match of one project under funding.cocm (see cocm.c for the
 * definitions and the arithmetic). */
#include <math.h>
#include <string.h>

#include "cocm_internal.h"

/* K(i, h) for each active group h of the project into a->k, for
 * contributor i giving c to it: paper, sqrt(c) when i is connected to h
 * (shares a group with a member of h) and c otherwise; gitcoin,
 * (1 - k(i, h)) c. */
static void connections(cocm *a, size_t i, double c, size_t n_active)
{
    size_t first = a->mstart[i], last = a->mstart[i + 1];
    if (a->variant == VARIANT_PAPER) {
        memset(a->conn, 0, a->words * sizeof *a->conn);
        for (size_t e = first; e < last; e++)
            for (size_t w = 0; w < a->words; w++)
                a->conn[w] |= a->together[a->mgroup[e] * a->words + w];
        double root = sqrt(c);
        for (size_t h = 0; h < n_active; h++)
            a->k[h] = (a->conn[a->active[h] / 64] >> (a->active[h] % 64)) & 1 ? root : c;
        return;
    }
    /* the walk from i's groups (all active), on the project's copy of PJP */
    for (size_t h = 0; h < n_active; h++)
        a->k[h] = 0;
    for (size_t e = first; e < last; e++) {
        const double w = a->mweight[e], *row = a->walk + a->local[a->mgroup[e]] * n_active;
        for (size_t h = 0; h < n_active; h++)
            a->k[h] += w * row[h];
        a->member_of[a->mgroup[e]] = i + 1;
    }
    for (size_t h = 0; h < n_active; h++) {
        double k = a->member_of[a->active[h]] == i + 1 ? 1 : a->k[h];
        /* k is at most 1; within the rounding of 1 it is 1, so that a
         * walk that can only end in h leaves nothing (not 10^-16 c) */
        a->k[h] = k < 1 - COCM_ONE_TOLERANCE ? (1 - k) * c : 0;
    }
}

/* paper: every active group is connected to every funder (see cocm.c), so
 * S[g][h] = s_g = sum over funders i in g of sqrt(c_i) / T_i and the match
 * is sum_{g != h} sqrt(s_g s_h). */
static double paper_match(cocm *a, size_t q, size_t n_active)
{
    double *s = a->s;
    for (size_t g = 0; g < n_active; g++)
        s[g] = 0;
    for (size_t e = a->pstart[q]; e < a->pstart[q + 1]; e++) {
        size_t i = a->pwho[e];
        double root = sqrt(a->pamount[e]);
        for (size_t m = a->mstart[i]; m < a->mstart[i + 1]; m++)
            s[a->local[a->mgroup[m]]] += a->mweight[m] * root;
    }
    /* sum over h < g of sqrt(s_g) sqrt(s_h), by prefix sums: positive
     * terms only (no cancellation), 0 for one group */
    double sum = 0, before = 0;
    for (size_t g = 0; g < n_active; g++) {
        double root = sqrt(s[g]);
        sum += root * before;
        before += root;
    }
    return 2 * sum;
}

/* The full matrix S[g][h] of the project and the sum of
 * sqrt(S[g][h] S[h][g]) over g != h (gitcoin, and paper with given
 * groups). */
static double matrix_match(cocm *a, size_t q, size_t n_active)
{
    double *s = a->s;
    for (size_t x = 0; x < n_active * n_active; x++)
        s[x] = 0;
    /* gitcoin: the rows and columns of PJP that the project's funders
     * reach (their groups are all active), copied once so that each
     * funder's walk reads contiguous rows */
    for (size_t g = 0; a->variant == VARIANT_GITCOIN && g < n_active; g++)
        for (size_t h = 0; h < n_active; h++)
            a->walk[g * n_active + h] = a->pjp[a->active[g] * a->n_groups + a->active[h]];
    for (size_t e = a->pstart[q]; e < a->pstart[q + 1]; e++) {
        size_t i = a->pwho[e];
        connections(a, i, a->pamount[e], n_active);
        for (size_t m = a->mstart[i]; m < a->mstart[i + 1]; m++) {
            double w = a->mweight[m], *row = s + a->local[a->mgroup[m]] * n_active;
            for (size_t h = 0; h < n_active; h++)
                row[h] += w * a->k[h];
        }
    }
    double sum = 0;
    for (size_t g = 0; g < n_active; g++)
        for (size_t h = g + 1; h < n_active; h++) {
            double t = s[g * n_active + h] * s[h * n_active + g];
            if (t > 0)
                sum += sqrt(t);
        }
    return 2 * sum; /* the pairs (g, h) and (h, g) */
}

/* The match of project q before scaling, in whole units of money. Its
 * active groups (those with a funder of q) are numbered in order of first
 * appearance. */
double mk_cocm_project_match(cocm *a, size_t q)
{
    size_t n_active = 0;
    for (size_t e = a->pstart[q]; e < a->pstart[q + 1]; e++) {
        size_t i = a->pwho[e];
        for (size_t m = a->mstart[i]; m < a->mstart[i + 1]; m++)
            if (a->local[a->mgroup[m]] == COCM_NONE) {
                a->local[a->mgroup[m]] = n_active;
                a->active[n_active++] = a->mgroup[m];
            }
    }
    double v = a->variant == VARIANT_PAPER && !a->column_groups ? paper_match(a, q, n_active)
                                                                : matrix_match(a, q, n_active);
    for (size_t g = 0; g < n_active; g++)
        a->local[a->active[g]] = COCM_NONE;
    return v;
}
