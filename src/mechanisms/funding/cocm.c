/*
 * funding.cocm: connection-oriented cluster match (Miller, Weyl and
 * Erichsen, "Beyond Collusion Resistance: Leveraging Social Information for
 * Plural Funding and Voting", 2022). Contributors belong to groups; QF's
 * pairs of contributors become pairs of groups, and a contributor's money
 * counts at full strength c (no square root, so no subsidy) toward a group
 * it is connected to, so that people who already coordinate are not paid
 * for it. For one project, with c_i the contribution of i to it:
 *
 *   match = sum over groups g != h of sqrt(S[g][h]) sqrt(S[h][g]),
 *   S[g][h] = sum over i in g of w_ig K(i, h).
 *
 * Groups (-p groups=): by default the projects each contributor funds
 * (the clustering Gitcoin's calculator uses by default: its cluster
 * matrix is the donation matrix itself; only contributions that count,
 * min_contribution, make memberships); with groups=column, the groups the
 * input gives each contributor (a 'groups' column, see mechkit/funding.h),
 * plain memberships of strength 1. Two definitions, -p variant=:
 *
 * paper (default): the paper's equation. w_ig = 1 / T_i, T_i the number
 *   of groups of i; K(i, h) = sqrt(c_i) when i is in h or shares a group
 *   with some member of h, and c_i otherwise. (With project groups every
 *   group that funds the project shares that project with every funder, so
 *   K is always sqrt(c_i) and a contributor's root is split evenly among
 *   the projects it funds; the match then has the closed form of
 *   paper_match. With given groups the connections are computed: two
 *   contributors are connected when they share a group.) The paper's
 *   total funding
 *   also adds sum_i c_i, the contributions themselves; the match is the
 *   rest.
 *
 * gitcoin: COCM as in Gitcoin's open-source calculator (the `fundingutils`
 *   module of its QF/COCM streamlit calculators, function COCM with its
 *   defaults calcstyle='markov', harsh=True, called with the donation
 *   matrix as the cluster matrix). Membership strength is the amount:
 *   w_ig = c_ig / sum_g c_ig (each contributor's row normalised), and
 *   u_gi = c_ig / sum_i c_ig (each group's column normalised); with given
 *   groups, 1 for each membership in place of c_ig. A two-step
 *   random walk gives the connection of i to h:
 *     k(i, h) = 1 if i is in h, else sum_g w_ig PJP[g][h],
 *     PJP[g][h] = sum_j u_gj w_jh,
 *   and "harsh" counts i's money toward h as K(i, h) = (1 - k(i, h)) c_i
 *   (nothing toward its own groups). Gitcoin's code returns these
 *   fundings as the matches, then scales them to the pool.
 *
 * As in QF, one contributor alone in one group gets no match; a sybil who
 * splits into k identities with the same projects stays in the same
 * groups, so under both variants it gains nothing from the split when it
 * is its project's only group.
 *
 * Units: the paper's K mixes c and sqrt(c), so its match depends on the
 * unit of money (in cents a contributor connected to everyone counts ten
 * times as much, relative to one who is not, as in dollars). Like
 * Gitcoin's calculator, which works in dollars, amounts enter the formula
 * in whole units of the input's currency (amount / 10^scale), so the
 * result does not depend on how many decimals the input writes; the
 * gitcoin variant is homogeneous and does not depend on the unit at all.
 *
 * Arithmetic: IEEE binary64 throughout (square roots of the 10^8 and more
 * products S[g][h] S[h][g] of a real round cannot be done exactly in
 * time), in a fixed order (projects ascending, a project's contributors
 * ascending, groups in order of first appearance), so the result is the
 * same on every IEEE machine (ISO C mode: no fused multiply-add
 * contraction). Each S entry has a relative error of about n 2^-53 for n
 * terms; the ideal matches are truncated to the fixed point of 2^-64 minor
 * units and allocated exactly (largest remainder, funding.c), so a match
 * can differ by one minor unit from exact arithmetic only where a
 * remainder is that close to a tie.
 *
 * Cost: for each project p with A_p active groups (groups with a funder of
 * p), O(A_p^2) for its matrix plus O(sum over funders i of p of T_i A_p)
 * to fill it, so at most O(P^3 + (sum_i T_i^2) P) for P projects, with
 * O(P^2) memory (gitcoin); the paper's closed form costs O(sum_i T_i^2).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "mechkit/money.h"

#define COCM_FRACTION_BITS 64
/* G x G doubles for the walk matrix and for one project's S. */
#define COCM_MAX_GROUPS 20000
#define COCM_NONE ((size_t)-1)
/* 2^-40: far above the rounding of a sum of walk probabilities */
#define COCM_ONE_TOLERANCE 9.094947017729282e-13

typedef enum cocm_variant { VARIANT_PAPER = 0, VARIANT_GITCOIN = 1 } cocm_variant;

typedef struct cocm {
    mk_funding_base base; /* first: the shared functions cast to it */
    cocm_variant variant;
    int column_groups; /* 1: groups from the input, else the projects funded */
    double money_unit; /* 10^scale: minor units per whole unit */
    size_t n_groups, words;
    /* counted contributions by project (CSR), contributors ascending */
    size_t *pstart, *pwho;
    double *pamount;
    /* memberships by contributor (CSR, groups ascending), their weights
     * w_ig and amounts c_ig */
    size_t *mstart, *mgroup;
    double *mweight, *mamount;
    double *pjp;        /* gitcoin: the walk matrix, G x G */
    double *colsum;     /* gitcoin: each group's total membership */
    size_t *member_of;  /* gitcoin: contributor index + 1 when in the group */
    uint64_t *together; /* paper, groups given: bit h of row g, a contributor in g and h */
    uint64_t *conn;     /* paper, groups given: the groups one contributor is connected to */
    double *s, *k;
    size_t *local, *active;
    size_t cap_pstart, cap_pwho, cap_pamount, cap_mstart, cap_mgroup, cap_mweight, cap_mamount,
        cap_pjp, cap_colsum, cap_member, cap_s, cap_k, cap_local, cap_active, cap_together,
        cap_conn;
} cocm;

static const mk_param_spec cocm_params[] = {
    MK_FUNDING_COMMON_PARAMS,
    {"variant", MK_PARAM_CHOICE, "paper", "paper|gitcoin",
     "paper: Miller, Weyl and Erichsen's equation (1/T weights, sqrt(c) toward connected "
     "groups); gitcoin: Gitcoin's calculator (amount weights, markov connections, harsh)"},
    {"groups", MK_PARAM_CHOICE, "projects", "projects|column",
     "contributors' groups: the projects each funds, or the input's 'groups' column (names "
     "separated by ';')"},
    {NULL, 0, NULL, NULL, NULL},
};

static void free_instance(mk_instance *inst)
{
    cocm *a = (cocm *)inst;
    if (a == NULL)
        return;
    mk_funding_base_free(&a->base);
    free(a->pstart);
    free(a->pwho);
    free(a->pamount);
    free(a->mstart);
    free(a->mgroup);
    free(a->mweight);
    free(a->mamount);
    free(a->pjp);
    free(a->colsum);
    free(a->member_of);
    free(a->together);
    free(a->conn);
    free(a->s);
    free(a->k);
    free(a->local);
    free(a->active);
    free(a);
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx)
{
    cocm *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.cocm");
    int variant = 0;
    int rc = mk_funding_base_init(&a->base, params, setting, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "variant", &variant, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "groups", &a->column_groups, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    a->variant = (cocm_variant)variant;
    a->money_unit = pow(10, setting->scale);
    mpz_set_ui(a->base.unit, 1);
    mpz_mul_2exp(a->base.unit, a->base.unit, COCM_FRACTION_BITS);
    /* ideals shown and paid as whole units when within 2^-32 of one */
    mpz_fdiv_q_2exp(a->base.slack, a->base.unit, 32);
    *out = (mk_instance *)a;
    return MK_OK;
}

/* Grows *p to hold need elements of size bytes each. */
static int grow(void *p, size_t *cap, size_t need, size_t size, mk_ctx *ctx)
{
    void **ptr = (void **)p;
    if (need <= *cap && *ptr != NULL)
        return MK_OK;
    size_t bytes;
    if (mk_checked_size_mul(need > 0 ? need : 1, size, &bytes) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: round too large");
    void *q = realloc(*ptr, bytes);
    if (q == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.cocm (%zu bytes)", bytes);
    *ptr = q;
    *cap = need;
    return MK_OK;
}

/* The counted contributions by project, and by contributor as
 * memberships of the groups (the projects it funds). */
static int build_tables(cocm *a, const mk_profile *r, mk_ctx *ctx)
{
    const mk_funding_base *f = &a->base;
    size_t p = f->n_projects, entries = 0;
    int rc = grow(&a->pstart, &a->cap_pstart, p + 2, sizeof *a->pstart, ctx);
    if (rc == 0)
        rc = grow(&a->mstart, &a->cap_mstart, r->n + 1, sizeof *a->mstart, ctx);
    if (rc != 0)
        return rc;
    memset(a->pstart, 0, (p + 2) * sizeof *a->pstart);
    size_t members = 0;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        a->mstart[i] = members;
        for (int64_t j = 0; j < row[MK_FUNDING_COUNT]; j++)
            if (mk_funding_counts(f, row[MK_FUNDING_FIRST + 2 * j + 1])) {
                a->pstart[row[MK_FUNDING_FIRST + 2 * j] + 2]++;
                entries++;
                members += !a->column_groups;
            }
        if (a->column_groups)
            members += (size_t)row[r->width - 1];
    }
    a->mstart[r->n] = members;
    for (size_t q = 0; q < p; q++)
        a->pstart[q + 2] += a->pstart[q + 1];
    rc = grow(&a->pwho, &a->cap_pwho, entries, sizeof *a->pwho, ctx);
    if (rc == 0)
        rc = grow(&a->pamount, &a->cap_pamount, entries, sizeof *a->pamount, ctx);
    if (rc == 0)
        rc = grow(&a->mgroup, &a->cap_mgroup, members, sizeof *a->mgroup, ctx);
    if (rc == 0)
        rc = grow(&a->mweight, &a->cap_mweight, members, sizeof *a->mweight, ctx);
    if (rc == 0)
        rc = grow(&a->mamount, &a->cap_mamount, members, sizeof *a->mamount, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        size_t m = a->mstart[i];
        double sum = 0;
        for (int64_t j = 0; j < row[MK_FUNDING_COUNT]; j++) {
            int64_t c = row[MK_FUNDING_FIRST + 2 * j + 1];
            if (!mk_funding_counts(f, c))
                continue;
            size_t q = (size_t)row[MK_FUNDING_FIRST + 2 * j], at = a->pstart[q + 1]++;
            a->pwho[at] = i;
            a->pamount[at] = (double)c / a->money_unit;
            if (a->column_groups)
                continue;
            a->mgroup[m] = q;
            a->mamount[m++] = a->pamount[at];
            sum += a->pamount[at];
        }
        /* given groups are plain memberships: strength 1 each */
        for (int64_t t = a->column_groups ? row[r->width - 1] : 0, x = 0; x < t; x++) {
            a->mgroup[m] = (size_t)row[r->width - 1 - t + x];
            a->mamount[m++] = 1;
            sum += 1;
        }
        size_t t = m - a->mstart[i];
        for (size_t e = a->mstart[i]; e < m; e++)
            a->mweight[e] = a->variant == VARIANT_PAPER ? 1.0 / (double)t : a->mamount[e] / sum;
    }
    return MK_OK;
}

/* The number of groups: the projects, or one more than the largest group
 * index of the rows, whose group cells (see mechkit/funding.h) are
 * checked: at least one group, inside the width, strictly ascending. */
static int count_groups(cocm *a, const mk_profile *r, mk_ctx *ctx)
{
    a->n_groups = a->base.n_projects;
    if (!a->column_groups)
        return MK_OK;
    a->n_groups = 0;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        int64_t t = row[r->width - 1];
        size_t room = r->width - MK_FUNDING_FIRST - 2 * (size_t)row[MK_FUNDING_COUNT];
        if (t < 1 || (size_t)t + 1 > room)
            return mk_error(ctx, MK_EINPUT,
                            "contributions: row %zu: %lld groups (read the input with -p "
                            "groups=column and a 'groups' column)",
                            i + 1, (long long)t);
        for (int64_t x = 0; x < t; x++) {
            int64_t g = row[r->width - 1 - t + x];
            if (g < 0 || g >= COCM_MAX_GROUPS || (x > 0 && g <= row[r->width - 2 - t + x]))
                return mk_error(ctx, MK_EINPUT,
                                "contributions: row %zu: group %lld out of range or order", i + 1,
                                (long long)g);
            if ((size_t)g + 1 > a->n_groups)
                a->n_groups = (size_t)g + 1;
        }
    }
    return MK_OK;
}

/* paper with given groups: together[g] has bit h when some contributor
 * is in both g and h (so i is connected to h when one of its groups has
 * bit h). */
static int build_together(cocm *a, size_t n, mk_ctx *ctx)
{
    size_t cells;
    if (mk_checked_size_mul(a->n_groups, a->words, &cells) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: too many groups");
    int rc = grow(&a->together, &a->cap_together, cells, sizeof *a->together, ctx);
    if (rc == 0)
        rc = grow(&a->conn, &a->cap_conn, a->words, sizeof *a->conn, ctx);
    if (rc != 0)
        return rc;
    memset(a->together, 0, cells * sizeof *a->together);
    for (size_t i = 0; i < n; i++)
        for (size_t e = a->mstart[i]; e < a->mstart[i + 1]; e++) {
            uint64_t *row = a->together + a->mgroup[e] * a->words;
            for (size_t d = a->mstart[i]; d < a->mstart[i + 1]; d++)
                row[a->mgroup[d] / 64] |= (uint64_t)1 << (a->mgroup[d] % 64);
        }
    return MK_OK;
}

/* gitcoin: PJP[g][h] = sum_j u_gj w_jh, the chance that a walk from group
 * g to a member j (by amount) and on to one of j's groups h ends in h. */
static int build_walk(cocm *a, size_t n, mk_ctx *ctx)
{
    size_t g = a->n_groups, cells;
    if (mk_checked_size_mul(g, g, &cells) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: too many groups");
    int rc = grow(&a->pjp, &a->cap_pjp, cells, sizeof *a->pjp, ctx);
    if (rc == 0)
        rc = grow(&a->colsum, &a->cap_colsum, g, sizeof *a->colsum, ctx);
    if (rc == 0)
        rc = grow(&a->member_of, &a->cap_member, g, sizeof *a->member_of, ctx);
    if (rc != 0)
        return rc;
    memset(a->pjp, 0, cells * sizeof *a->pjp);
    memset(a->member_of, 0, g * sizeof *a->member_of);
    for (size_t q = 0; q < g; q++)
        a->colsum[q] = 0;
    for (size_t e = 0; e < a->mstart[n]; e++)
        a->colsum[a->mgroup[e]] += a->mamount[e];
    for (size_t i = 0; i < n; i++)
        for (size_t e = a->mstart[i]; e < a->mstart[i + 1]; e++) {
            double u = a->mamount[e] / a->colsum[a->mgroup[e]];
            double *row = a->pjp + a->mgroup[e] * g;
            for (size_t d = a->mstart[i]; d < a->mstart[i + 1]; d++)
                row[a->mgroup[d]] += u * a->mweight[d];
        }
    return MK_OK;
}

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
    for (size_t e = first; e < last; e++)
        a->member_of[a->mgroup[e]] = i + 1;
    for (size_t h = 0; h < n_active; h++) {
        size_t g = a->active[h];
        double k = 1;
        if (a->member_of[g] != i + 1) {
            k = 0;
            for (size_t e = first; e < last; e++)
                k += a->mweight[e] * a->pjp[a->mgroup[e] * a->n_groups + g];
        }
        /* k is at most 1; within the rounding of 1 it is 1, so that a
         * walk that can only end in h leaves nothing (not 10^-16 c) */
        a->k[h] = k < 1 - COCM_ONE_TOLERANCE ? (1 - k) * c : 0;
    }
}

/* paper: every active group is connected to every funder (see above), so
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
static double project_match(cocm *a, size_t q)
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

static int reserve_scratch(cocm *a, mk_ctx *ctx)
{
    size_t g = a->n_groups, cells;
    if (g > COCM_MAX_GROUPS)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: %zu groups, at most %d", g, COCM_MAX_GROUPS);
    if (mk_checked_size_mul(g, g, &cells) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: too many groups");
    a->words = (g + 63) / 64;
    int rc = grow(&a->s, &a->cap_s, cells, sizeof *a->s, ctx);
    if (rc == 0)
        rc = grow(&a->k, &a->cap_k, g, sizeof *a->k, ctx);
    if (rc == 0)
        rc = grow(&a->local, &a->cap_local, g, sizeof *a->local, ctx);
    if (rc == 0)
        rc = grow(&a->active, &a->cap_active, g, sizeof *a->active, ctx);
    for (size_t q = 0; rc == 0 && q < g; q++)
        a->local[q] = COCM_NONE;
    return rc;
}

/* The contributions, with each contributor's groups when groups=column. */
static int read_input(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    int column = 0;
    int rc = mk_params_get_choice(params, "groups", &column, ctx);
    return rc != 0 ? rc : mk_funding_read_as(in, params, column, out, ctx);
}

static int check_weights(const mk_profile *r, mk_ctx *ctx)
{
    for (size_t i = 0; i < r->n; i++)
        if (mk_profile_row(r, i)[MK_FUNDING_WEIGHT] != MK_FUNDING_WEIGHT_ONE)
            return mk_error(ctx, MK_EINPUT,
                            "contributions: row %zu has a weight other than 1; funding.cocm takes "
                            "no contributor weights (filter by score before the round instead)",
                            i + 1);
    return MK_OK;
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    cocm *a = (cocm *)inst;
    mk_funding_base *f = &a->base;
    int rc = mk_funding_begin(f, reports, ctx);
    if (rc == 0)
        rc = check_weights(reports, ctx);
    if (rc == 0)
        rc = count_groups(a, reports, ctx);
    if (rc == 0)
        rc = reserve_scratch(a, ctx);
    if (rc == 0)
        rc = build_tables(a, reports, ctx);
    if (rc == 0 && a->variant == VARIANT_GITCOIN)
        rc = build_walk(a, reports->n, ctx);
    else if (rc == 0 && a->column_groups)
        rc = build_together(a, reports->n, ctx);
    if (rc != 0)
        return rc;
    for (size_t q = 0; q < f->n_projects; q++) {
        double ideal = a->pstart[q + 1] > a->pstart[q] ? project_match(a, q) : 0;
        /* to the fixed point of the allocation, truncated */
        mpz_set_d(f->ideal[q], ldexp(ideal * a->money_unit, COCM_FRACTION_BITS));
    }
    rc = mk_funding_allocate(f, ctx);
    if (rc == 0)
        rc = mk_funding_outcome(f, reports, out, ctx);
    return rc;
}

const mk_mechanism mk_funding_cocm = {
    .name = "funding.cocm",
    .summary = "connection-oriented cluster match (Miller, Weyl, Erichsen 2022; or Gitcoin's "
               "calculator)",
    .input_help = "Contributions, as for funding.qf (see 'mechkit describe funding.qf'), without "
                  "weights. Each contributor's groups are the projects it funds, or with -p "
                  "groups=column a column 'groups' (JSON key \"groups\"): names separated by ';', "
                  "the same on every row of a contributor that gives them.",
    .params = cocm_params,
    .claims = 0,
    .prepare = prepare,
    .run = run,
    .read = read_input,
    MK_FUNDING_SHARED_ENTRIES,
    .free = free_instance,
};
