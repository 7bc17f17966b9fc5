/*
 * bench/audit: the speed of mk_audit_run on second-price (Vickrey) with 10
 * bidders and sampled profiles (values uniform on the 101-point grid
 * 0..100), in profiles audited per second with 1 and 2 threads, the
 * speed-up, and the heap allocations per audited profile.
 *
 * Targets (issue 7): speed-up >= 1.8x from 1 to 2 threads; zero
 * allocations in the hot loop.
 *
 * Allocations are counted by wrapping malloc, calloc and realloc (glibc's
 * __libc_* entry points), because mallinfo2 only sees bytes in use, which
 * a malloc and free per deviation leave unchanged. The audit is run with
 * two budgets and the counts differenced, so set-up (threads, instances,
 * the report) cancels and what is left is the hot loop's, per profile;
 * once with the mechanism's deviations() and once without, to tell the
 * auditor's own allocations from the mechanism's. In a sanitizer build the
 * sanitizer owns malloc: the count is skipped.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/auction.h"
#include "mechkit/audit.h"

#include "bench_alloc.h"

enum { BIDDERS = 10 };

typedef struct measure {
    double seconds;
    unsigned long allocations;
    uint64_t runs;
    size_t profitable;
} measure;

static int audit(const mk_mechanism *mech, size_t budget, size_t threads, int pairs, measure *m)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = budget;
    o.participants = BIDDERS;
    o.threads = threads;
    o.seed = 1;
    o.max_coalition = pairs ? 2 : 0;
    mk_setting setting = {0, BIDDERS, 0, 1, NULL, 0};
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    unsigned long a0 = bench_allocations();
    double t0 = now();
    int rc = mk_params_set(&params, "values", "uniform:0:100", &ctx);
    if (rc == 0)
        rc = mk_audit_run(mech, &params, &setting, NULL, &o, &r, &ctx);
    m->seconds = now() - t0;
    m->allocations = bench_allocations() - a0;
    m->runs = r.runs;
    m->profitable = r.profitable;
    if (rc != 0)
        fprintf(stderr, "bench/audit: %s\n", ctx.message);
    mk_audit_report_free(&r);
    mk_params_free(&params);
    return rc;
}

/* Heap allocations per profile beyond the first tenth of the budget. */
static int per_profile(const mk_mechanism *mech, size_t budget, double *out)
{
    measure small, big;
    if (audit(mech, budget / 10, 1, 0, &small) != 0 || audit(mech, budget, 1, 0, &big) != 0)
        return -1;
    *out = (double)(big.allocations - small.allocations) / (double)(budget - budget / 10);
    return 0;
}

int main(void)
{
    const mk_mechanism *vickrey = &mk_auction_second_price;
    const size_t budget = 20000;
    const size_t pair_budget = 200;
    measure one, two, pairs_one, pairs_two;
    /* The same auction without its deviations: the auditor's own loop
     * (truthful run, utilities, revenue, exact sums) alone. */
    mk_mechanism bare = mk_auction_second_price;
    bare.deviations = NULL;
    double with_search, without_search;
    struct mallinfo2 before = mallinfo2();
    if (audit(vickrey, budget, 1, 0, &one) != 0 || audit(vickrey, budget, 2, 0, &two) != 0 ||
        audit(vickrey, pair_budget, 1, 1, &pairs_one) != 0 ||
        audit(vickrey, pair_budget, 2, 1, &pairs_two) != 0 ||
        per_profile(vickrey, budget, &with_search) != 0 ||
        per_profile(&bare, budget, &without_search) != 0)
        return 1;
    struct mallinfo2 after = mallinfo2();
    printf("audit: auction.second_price, %d bidders, values uniform on 0..100, seed 1; unilateral\n"
           "search (no coalitions, no sybils: second-price defines no split) unless said\n",
           BIDDERS);
    printf("  %-48s %10.0f profiles/s  (%.1f M runs/s, %llu runs)\n", "1 thread",
           (double)budget / one.seconds, (double)one.runs / one.seconds / 1e6,
           (unsigned long long)one.runs);
    printf("  %-48s %10.0f profiles/s  (speed-up %.2fx; target >= 1.8x)\n", "2 threads",
           (double)budget / two.seconds, one.seconds / two.seconds);
    printf("  %-48s %zu (DSIC: expected 0)\n", "profiles with a profitable lie", one.profitable);
    printf("  %-48s %10.0f profiles/s  (%.1f M runs/s; 2 threads %.2fx)\n",
           "with coalitions of two (45 pairs), 1 thread", (double)pair_budget / pairs_one.seconds,
           (double)pairs_one.runs / pairs_one.seconds / 1e6, pairs_one.seconds / pairs_two.seconds);
    if (BENCH_COUNTS_ALLOCATIONS) {
        printf("  %-48s %.2f per profile\n", "heap allocations, whole search", with_search);
        printf("  %-48s %.2f per profile\n", "heap allocations, auditor without deviations()",
               without_search);
    } else {
        printf("  %-48s not counted in a sanitizer build\n", "heap allocations");
    }
    printf("  %-48s %+ld bytes\n", "heap in use after all audits (mallinfo2)",
           (long)(after.uordblks - before.uordblks));
    return 0;
}
