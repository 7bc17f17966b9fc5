/*
 * What the auditor and the simulator need from auction.myerson besides
 * run(): types drawn from each bidder's own distribution, and the reports
 * worth trying instead of the truth.
 */
#include <string.h>

#include "myerson_internal.h"

int mk_myerson_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types,
                      mk_ctx *ctx)
{
    const mk_myerson *a = (const mk_myerson *)inst;
    if (a->sample_values)
        return mk_auction_sample(inst, rng, n, types, ctx);
    int rc = mk_myerson_check_count(a, n, ctx);
    if (rc == 0)
        rc = mk_profile_resize(types, n, MK_BID_FIRST + 1, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        int64_t *row = mk_profile_row(types, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = mk_distribution_sample(mk_myerson_vv_of(a, i)->d, rng);
    }
    return MK_OK;
}

/* Appends the truthful row with its bid replaced by `bid`, unless that
 * report is already listed; MK_ELIMIT when out is full. */
static int add_bid(mk_deviation_set *out, const int64_t *truth, int64_t bid)
{
    if (bid < 0)
        return MK_OK;
    for (size_t i = 0; i < out->n; i++)
        if (out->rows[i * out->width + MK_BID_FIRST] == bid)
            return MK_OK;
    if (out->n == out->max)
        return MK_ELIMIT;
    int64_t *row = out->rows + out->n * out->width;
    memcpy(row, truth, out->width * sizeof *row);
    row[MK_BID_FIRST] = bid;
    out->n++;
    return MK_OK;
}

/* The largest bid below x that the distribution accepts, or -1. */
static int64_t bid_below(const mk_distribution *d, int64_t x)
{
    if (d->kind != MK_DIST_DISCRETE)
        return x - 1;
    int64_t below = -1;
    for (size_t i = 0; i < d->k && d->points[i] < x; i++)
        below = d->points[i];
    return below;
}

/* Adds the threshold bids (strict and not: they bracket a tie, whichever
 * way the priorities fall) against the virtual value c, and the bids just
 * below them. */
static int add_thresholds(mk_deviation_set *out, const mk_myerson_vv *t, const int64_t *truth,
                          mpq_srcptr c, mpz_t scratch)
{
    int rc = MK_OK;
    for (int strict = 0; rc == 0 && strict <= 1; strict++) {
        int64_t x;
        if (mk_myerson_vv_threshold(t, c, strict, scratch, &x) != 0)
            continue; /* no bid reaches c: nothing to try */
        rc = add_bid(out, truth, x);
        if (rc == 0)
            rc = add_bid(out, truth, bid_below(t->d, x));
    }
    return rc;
}

/* Every support point of a discrete distribution, when they fit. */
static int add_support(mk_deviation_set *out, const mk_distribution *d, const int64_t *truth)
{
    for (size_t i = 0; i < d->k; i++)
        if (add_bid(out, truth, d->points[i]) != 0)
            return MK_ELIMIT;
    return MK_OK;
}

/*
 * The winner's payment does not depend on its own bid, so a bidder's
 * utility can only change where it starts or stops winning: at the
 * threshold against each other bidder's virtual value and against 0. The
 * thresholds and the bids just below them, with the truth and 0, are every
 * outcome the bidder can reach, so the list is exhaustive; for a discrete
 * distribution whose support fits, it is simply every support point.
 */
static int list_deviations(const mk_myerson *a, const mk_profile *types, size_t who,
                           mk_deviation_set *out, mpq_t phi, mpz_t scratch, mk_ctx *ctx)
{
    const mk_myerson_vv *t = mk_myerson_vv_of(a, who);
    const int64_t *truth = mk_profile_row(types, who);
    out->n = 0;
    out->exhaustive = 1;
    if (t->d->kind == MK_DIST_DISCRETE && add_support(out, t->d, truth) == 0)
        return MK_OK;
    out->n = 0;
    int rc = add_bid(out, truth, truth[MK_BID_FIRST]);
    if (rc == 0)
        rc = add_bid(out, truth, t->d->kind == MK_DIST_DISCRETE ? t->d->points[0] : 0);
    if (rc == 0)
        rc = add_thresholds(out, t, truth, a->zero, scratch);
    for (size_t j = 0; rc == 0 && j < types->n; j++) {
        if (j == who)
            continue;
        int64_t value = mk_profile_row(types, j)[MK_BID_FIRST];
        int status = mk_myerson_vv_at(mk_myerson_vv_of(a, j), value, phi);
        if (status == MK_MYERSON_OFF_GRID)
            return mk_error(ctx, MK_EINPUT,
                            "bidder %zu: value is not a support point of "
                            "its distribution",
                            j + 1);
        if (status == MK_MYERSON_RANKED && mpq_sgn(phi) >= 0)
            rc = add_thresholds(out, t, truth, phi, scratch);
    }
    if (rc == MK_ELIMIT)
        out->exhaustive = 0; /* kept the first max candidates */
    return MK_OK;
}

int mk_myerson_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                          mk_deviation_set *out, mk_ctx *ctx)
{
    (void)rng; /* the list is exhaustive: nothing is sampled */
    const mk_myerson *a = (const mk_myerson *)inst;
    if (out->width != types->width || types->width <= MK_BID_FIRST || who >= types->n)
        return mk_error(ctx, MK_EINTERNAL, "deviation rows of %zu cells for a profile of %zu",
                        out->width, types->width);
    int rc = mk_myerson_check_count(a, types->n, ctx);
    if (rc != 0)
        return rc;
    mpq_t phi;
    mpz_t scratch;
    mpq_init(phi);
    mpz_init(scratch);
    rc = list_deviations(a, types, who, out, phi, scratch, ctx);
    mpq_clear(phi);
    mpz_clear(scratch);
    return rc;
}
