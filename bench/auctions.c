/*
 * bench/auctions: the speed of the auction family on large inputs, beside
 * the time to sort as many int64 keys on the same machine, and the rate of
 * small runs through the generic interface (what the auditor depends on).
 *
 * Targets (issue "Foundation"): each large run within 3x of sorting 10^6
 * int64 keys, memory linear in the input; >= 5 million 10-bidder Vickrey
 * runs per second on one core, with no heap allocation per run.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/auction.h"
#include "mechkit/bids.h"
#include "mechkit/rng.h"

enum { BIDDERS = 1000000, REPEAT = 5 };

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Best of REPEAT: qsort of n random int64 keys. */
static double sort_baseline(size_t n)
{
    int64_t *keys = malloc(n * sizeof *keys), *work = malloc(n * sizeof *work);
    mk_rng rng;
    mk_rng_seed(&rng, 1);
    for (size_t i = 0; i < n; i++)
        keys[i] = (int64_t)(mk_rng_next(&rng) >> 1);
    double best = 1e9;
    for (int r = 0; r < REPEAT; r++) {
        memcpy(work, keys, n * sizeof *keys);
        double t0 = now();
        qsort(work, n, sizeof *work, cmp_int64);
        double t = now() - t0;
        best = t < best ? t : best;
    }
    free(keys);
    free(work);
    return best;
}

/* n bidders, `units` marginal bids each (random cents up to 1000.00). */
static void random_bids(mk_profile *p, size_t n, size_t units, uint64_t seed)
{
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    if (mk_profile_resize(p, n, MK_BID_FIRST + units, NULL) != 0)
        exit(1);
    for (size_t i = 0; i < n; i++) {
        int64_t *row = mk_profile_row(p, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        int64_t bid = mk_rng_range(&rng, 0, 100000);
        for (size_t k = 0; k < units; k++) {
            row[MK_BID_FIRST + k] = bid;
            bid -= mk_rng_range(&rng, 0, bid);
        }
    }
}

static mk_instance *prepare(const mk_mechanism *m, const char *const *kv, size_t n)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    for (size_t i = 0; kv[i] != NULL; i++)
        mk_params_set_arg(&params, kv[i], &ctx);
    mk_setting setting = {2, n, 0, 0, NULL, 0};
    mk_instance *inst = NULL;
    if (mk_mechanism_prepare(m, &params, &setting, &inst, &ctx) != 0) {
        fprintf(stderr, "%s: %s\n", m->name, ctx.message);
        exit(1);
    }
    mk_params_free(&params);
    return inst;
}

/* Best of REPEAT runs of m on p, after one warm-up run. */
static double time_runs(const mk_mechanism *m, mk_instance *inst, const mk_profile *p)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    double best = 1e9;
    for (int r = 0; r <= REPEAT; r++) {
        double t0 = now();
        if (m->run(inst, p, &out, &ctx) != 0) {
            fprintf(stderr, "%s: %s\n", m->name, ctx.message);
            exit(1);
        }
        double t = now() - t0;
        if (r > 0 && t < best)
            best = t;
    }
    mk_outcome_free(&out);
    return best;
}

static void large(const char *label, const mk_mechanism *m, const char *const *kv, size_t n,
                  size_t units, double baseline)
{
    mk_profile p = MK_PROFILE_INIT;
    random_bids(&p, n, units, 42);
    mk_instance *inst = prepare(m, kv, n);
    double t = time_runs(m, inst, &p);
    printf("  %-50s %8.1f ms  %5.2fx sort\n", label, 1e3 * t, t / baseline);
    m->free(inst);
    mk_profile_free(&p);
}

/* Runs per second of a 10-bidder Vickrey auction through the interface,
 * and the heap bytes in use before and after (no allocation per run). */
static void small_rate(void)
{
    enum { PROFILES = 1024, SMALL = 10 };
    const mk_mechanism *m = &mk_auction_second_price;
    const char *kv[] = {NULL};
    mk_instance *inst = prepare(m, kv, SMALL);
    mk_profile p[PROFILES];
    for (size_t i = 0; i < PROFILES; i++) {
        p[i] = (mk_profile)MK_PROFILE_INIT;
        random_bids(&p[i], SMALL, 1, i);
    }
    mk_ctx ctx = MK_CTX_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    m->run(inst, &p[0], &out, &ctx); /* warm-up: sizes the workspace */
    struct mallinfo2 before = mallinfo2();
    long runs = 20000000;
    int64_t checksum = 0;
    double t0 = now();
    for (long r = 0; r < runs; r++) {
        m->run(inst, &p[r % PROFILES], &out, &ctx);
        checksum += out.payment[r % SMALL];
    }
    double t = now() - t0;
    struct mallinfo2 after = mallinfo2();
    printf("  %-50s %8.2f M/s  (heap in use %+ld bytes over %ld runs; checksum %lld)\n",
           "second_price, 10 bidders, via mk_mechanism", runs / t / 1e6,
           (long)(after.uordblks - before.uordblks), runs, (long long)checksum);
    mk_outcome_free(&out);
    for (size_t i = 0; i < PROFILES; i++)
        mk_profile_free(&p[i]);
    m->free(inst);
}

int main(void)
{
    printf("mechkit bench/auctions: best of %d runs, one core\n\n", REPEAT);
    double baseline = sort_baseline(BIDDERS);
    printf("  %-50s %8.1f ms\n", "qsort of 10^6 int64 keys (baseline)", 1e3 * baseline);
    const char *none[] = {NULL};
    const char *positions[] = {"ctr=10,9,8,7,6,5,4,3,2,1", NULL};
    const char *uniform[] = {"units=100000", NULL};
    large("second_price, 10^6 bidders", &mk_auction_second_price, none, BIDDERS, 1, baseline);
    large("gsp, 10^6 bidders, 10 positions", &mk_auction_gsp, positions, BIDDERS, 1, baseline);
    large("vcg_positions, 10^6 bidders, 10 positions", &mk_auction_vcg_positions, positions,
          BIDDERS, 1, baseline);
    large("uniform_price, 10^6 marginal bids, 10^5 units", &mk_auction_uniform_price, uniform,
          BIDDERS / 4, 4, baseline);
    large("multiunit_vickrey, 10^6 marginal bids, 10^5 units", &mk_auction_multiunit_vickrey,
          uniform, BIDDERS / 4, 4, baseline);
    small_rate();
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("\n  peak resident memory: %.1f MiB\n", (double)usage.ru_maxrss / 1024.0);
    return 0;
}
