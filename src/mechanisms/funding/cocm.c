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

#include "cocm_internal.h"

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
    free(a->walk);
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
        rc = mk_cocm_count_groups(a, reports, ctx);
    if (rc == 0)
        rc = mk_cocm_reserve_scratch(a, ctx);
    if (rc == 0)
        rc = mk_cocm_build_tables(a, reports, ctx);
    if (rc == 0 && a->variant == VARIANT_GITCOIN)
        rc = mk_cocm_build_walk(a, reports->n, ctx);
    else if (rc == 0 && a->column_groups)
        rc = mk_cocm_build_together(a, reports->n, ctx);
    if (rc != 0)
        return rc;
    for (size_t q = 0; q < f->n_projects; q++) {
        double ideal = a->pstart[q + 1] > a->pstart[q] ? mk_cocm_project_match(a, q) : 0;
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
