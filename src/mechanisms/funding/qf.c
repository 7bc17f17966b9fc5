/*
 * funding.qf: quadratic funding (Buterin, Hitzig and Weyl, "Liberal
 * Radicalism: A Flexible Design for Philanthropic Matching Funds", 2018,
 * eq. 2): project q's ideal match is (sum_i w_i sqrt(c_iq))^2 - sum_i c_iq,
 * where c_iq is contributor i's (summed) contribution and w_i its weight
 * (1 unless the input gives identity scores; weights scaling sqrt(c) as in
 * Gitcoin's identity-weighted QF). A negative ideal (possible with weights
 * below 1 or floor square roots) counts as zero. The ideals are then
 * scaled to the pool (funding.c).
 *
 * Square roots, sqrt=exact (default): sqrt(c) is computed in fixed point
 * with 96 fractional bits, floor(sqrt(c * 2^192)) / 2^96 (GMP mpz_sqrt,
 * exact integer arithmetic, identical on every machine). Each root is low
 * by less than 2^-96 minor units, so a project's ideal with n counted
 * contributions of at most 2^63 units is low by less than
 * 2 n^2 2^31.5 2^-96 < n^2 2^-63 minor units: below 10^-8 of a unit for
 * n = 10^5. Rounds with two-limb amounts (below 2^123 units, roots below
 * 2^61.5) get 128 fractional bits, which keeps the same bound. The shares
 * of the pool are then exact rationals of these values, rounded by
 * largest remainder.
 *
 * sqrt=floor: integer semantics, floor(sqrt(c)) of c in minor units
 * (the integer square roots used by on-chain and bigint QF calculators
 * such as Gitcoin's open-source `pluralistic` library), so that results
 * computed that way can be reproduced to the unit. Not checked against
 * pluralistic's own outputs (see the report of issue 6).
 *
 * For the auditor (shared by the funding rules, funding_base.c): types are
 * contributions and the truthful report is the type; a contributor's
 * utility is quasi-linear, its value for the funding of the projects it
 * funds taken as its contributions plus its pro-rata share of their
 * matches, minus what it paid: sum_q floor(c_iq match_q / counted_q). The
 * split is the sybil attack (k identities sharing each contribution).
 */
#include <stdlib.h>

#include "funding_internal.h"

#define QF_FRACTION_BITS 96
#define QF_FRACTION_BITS_WIDE 128

typedef enum qf_sqrt { SQRT_EXACT = 0, SQRT_FLOOR = 1 } qf_sqrt;

typedef struct qf {
    mk_funding_base base; /* first: the shared functions cast to it */
    qf_sqrt mode;
    unsigned shift; /* 2 * fraction bits of the roots */
    mpz_t root;
} qf;

static const mk_param_spec qf_params[] = {
    MK_FUNDING_COMMON_PARAMS,
    {"sqrt", MK_PARAM_CHOICE, "exact", "exact|floor",
     "square roots: exact (96-bit fixed point) or floor of integer minor units"},
    {NULL, 0, NULL, NULL, NULL},
};

static void free_instance(mk_instance *inst)
{
    qf *a = (qf *)inst;
    if (a == NULL)
        return;
    mk_funding_base_free(&a->base);
    mpz_clear(a->root);
    free(a);
}

/* The roots' fixed point: fraction_bits (none for floor roots), and the
 * unit and slack of the ideals that follow from it. */
static void set_fixed_point(qf *a, unsigned fraction_bits)
{
    a->shift = a->mode == SQRT_FLOOR ? 0 : 2 * fraction_bits;
    /* Sums of w sqrt(c) are in units of 10^-6 * 2^-(shift/2) (weights in
     * millionths), so their squares are in 10^-12 * 2^-shift. */
    mpz_ui_pow_ui(a->base.unit, 10, 12);
    mpz_mul_2exp(a->base.unit, a->base.unit, a->shift);
    /* The fixed-point ideal errs low by less than n^2 2^-63 minor units
     * (above): a slack of 2^-32 units turns an ideal that is truly an
     * integer k into k, and errs only for true values within 2^-32 below
     * an integer. Floor roots are the rule itself: no slack. */
    mpz_set_ui(a->base.slack, 0);
    if (a->mode != SQRT_FLOOR)
        mpz_fdiv_q_2exp(a->base.slack, a->base.unit, 32);
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx)
{
    qf *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.qf");
    mpz_init(a->root);
    int mode = 0;
    int rc = mk_funding_base_init(&a->base, params, setting, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "sqrt", &mode, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    a->mode = (qf_sqrt)mode;
    set_fixed_point(a, QF_FRACTION_BITS);
    *out = (mk_instance *)a;
    return MK_OK;
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    qf *a = (qf *)inst;
    mk_funding_base *f = &a->base;
    int rc = mk_funding_begin(f, reports, ctx);
    if (rc != 0)
        return rc;
    set_fixed_point(a, f->wide ? QF_FRACTION_BITS_WIDE : QF_FRACTION_BITS);
    /* ideal[q] accumulates sum w sqrt(c); rem[q] gets the counted sum of c. */
    for (size_t i = 0; i < reports->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        unsigned long w = (unsigned long)row[MK_FUNDING_WEIGHT];
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            size_t q = mk_funding_project_at(row, j);
            mk_u128 c = mk_funding_amount_at(row, j);
            if (!mk_funding_counts(f, c))
                continue;
            mk_mpz_set_u128(a->root, c);
            mpz_mul_2exp(a->root, a->root, a->shift);
            mpz_sqrt(a->root, a->root);
            mpz_addmul_ui(f->ideal[q], a->root, w);
        }
    }
    for (size_t q = 0; q < f->n_projects; q++) {
        mk_mpz_set_u128(f->rem[q], f->counted[q]);
        mpz_mul(f->ideal[q], f->ideal[q], f->ideal[q]);
        mpz_submul(f->ideal[q], f->rem[q], f->unit);
        if (mpz_sgn(f->ideal[q]) < 0)
            mpz_set_ui(f->ideal[q], 0);
    }
    rc = mk_funding_allocate(f, ctx);
    if (rc == 0)
        rc = mk_funding_outcome(f, reports, out, ctx);
    return rc;
}

#define FUNDING_INPUT_HELP                                                                         \
    "Contributions, CSV or JSON. CSV: header contributor,project,amount[,weight][,timestamp]; "    \
    "one "                                                                                         \
    "row per contribution (several to one project are summed). JSON: {\"contributions\": "         \
    "[{\"contributor\": \"a\", \"project\": \"p\", \"amount\": \"1.50\"}]}. Amounts are "          \
    "decimal strings, exact at the scale (the most places written, or, when an amount passes "     \
    "2^63-1 minor units there, the most places that are not trailing zeros if it then fits; "      \
    "amounts past that, e.g. wei above 9.2 tokens, are kept exact in 128 bits); weight "           \
    "(default 1, at most 6 decimals) "                                                             \
    "scales the contributor's square roots; timestamp is ignored."

const mk_mechanism mk_funding_qf = {
    .name = "funding.qf",
    .summary = "quadratic funding: match (sum sqrt c)^2 - sum c per project, scaled to the pool",
    .input_help = FUNDING_INPUT_HELP,
    .params = qf_params,
    .claims = 0,
    .prepare = prepare,
    .run = run,
    MK_FUNDING_SHARED_FUNCTIONS,
    .free = free_instance,
};
