/*
 * bench/audit_coalitions: the cost of the coalition search of mk_audit_run
 * on second-price (Vickrey) with 10 bidders and sampled profiles (values
 * uniform on 0..100): profiles audited per second with coalitions of at
 * most 2 (every pair, exhaustive), 3 and 4 (local search over the first
 * MK_AUDIT_COALITION_GROUPS groups of each size), with 1 and 2 threads,
 * the mechanism runs per profile, the rings found, and the heap
 * allocations per profile of the search (two budgets differenced, so that
 * set-up cancels; skipped in a sanitizer build, which owns malloc).
 */
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
    size_t rings;         /* profiles where a group of the largest size gains in total */
    mk_rational max_gain; /* the largest total gain of such a group */
} measure;

static int audit(size_t budget, size_t threads, size_t k, measure *m)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = budget;
    o.participants = BIDDERS;
    o.threads = threads;
    o.seed = 1;
    o.max_coalition = k;
    mk_setting setting = {0, BIDDERS, 0, 1, NULL, 0};
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    unsigned long a0 = bench_allocations();
    double t0 = now();
    int rc = mk_params_set(&params, "values", "uniform:0:100", &ctx);
    if (rc == 0)
        rc = mk_audit_run(&mk_auction_second_price, &params, &setting, NULL, &o, &r, &ctx);
    m->seconds = now() - t0;
    m->allocations = bench_allocations() - a0;
    m->runs = r.runs;
    m->rings = r.coalition_by_size[k].collusion_profitable;
    m->max_gain = r.coalition_by_size[k].collusion_max_gain;
    if (rc != 0)
        fprintf(stderr, "bench/audit_coalitions: %s\n", ctx.message);
    mk_audit_report_free(&r);
    mk_params_free(&params);
    return rc;
}

int main(void)
{
    const size_t budgets[] = {0, 0, 200, 20, 10};
    printf("audit coalitions: auction.second_price, %d bidders, values uniform on 0..100, "
           "seed 1\n",
           BIDDERS);
    for (size_t k = 2; k <= 4; k++) {
        measure one, two, small;
        size_t budget = budgets[k];
        if (audit(budget, 1, k, &one) != 0 || audit(budget, 2, k, &two) != 0 ||
            audit(budget / 2, 1, k, &small) != 0)
            return 1;
        char gain[MK_RATIONAL_FORMAT_MAX];
        printf("  max coalition %zu: %8.2f profiles/s, 2 threads %.2fx; %.0f runs/profile; "
               "rings of %zu in %zu of %zu profiles, largest gain %s\n",
               k, (double)budget / one.seconds, one.seconds / two.seconds,
               (double)one.runs / (double)budget, k, one.rings, budget,
               mk_rational_format(one.max_gain, 0, gain));
        if (BENCH_COUNTS_ALLOCATIONS)
            printf("    heap allocations per profile: %.2f\n",
                   (double)(one.allocations - small.allocations) / (double)(budget - budget / 2));
    }
    return 0;
}
