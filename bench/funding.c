/*
 * bench/funding: the speed of funding.qf and funding.qf_pairwise on seeded
 * synthetic rounds of the shape of real Gitcoin rounds (issue 6): 80,000
 * contributions from 15,000 contributors to 800 projects, and ten times
 * that (10^6 contributions, 10^5 contributors, 1,000 projects).
 * The rounds are those of funding_bench.h.
 *
 * Targets (issue 6): qf <= 50 ms and qf_pairwise <= 1 s at the 80,000 size
 * (in both arithmetics: the exact one runs in machine integers here, all
 * amounts being below 2^64, on one thread per online processor and on one
 * thread; best of 3 runs).
 * M = 25 ($25: amounts are in cents) is an arbitrary choice.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "funding_bench.h"

int main(int argc, char **argv)
{
    /* "--quick": the 80,000 size only (the 10^6 pairwise run is long). */
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    static const size_t sizes[2][3] = {{80000, 15000, 800}, {1000000, 100000, 1000}};
    static const char *const qf_kv[] = {"pool=100000", NULL};
    static const char *const floor_kv[] = {"pool=100000", "sqrt=floor", NULL};
    static const char *const pw_kv[] = {"pool=100000", "M=25", NULL};
    static const char *const pw1_kv[] = {"pool=100000", "M=25", "threads=1", NULL};
    static const char *const pw64_kv[] = {"pool=100000", "M=25", "arithmetic=binary64", NULL};
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    printf("funding: seeded synthetic rounds (bench/funding.c)\n");
    for (int s = 0; s < (quick ? 1 : 2); s++) {
        mk_profile p = MK_PROFILE_INIT;
        synthetic_round(&p, sizes[s][0], sizes[s][1], sizes[s][2], 6);
        printf("  %zu contributions, %zu contributors, %zu projects (row width %zu):\n",
               sizes[s][0], sizes[s][1], sizes[s][2], p.width);
        printf("    funding.qf (exact roots)     %9.1f ms\n",
               1e3 * time_rule(&mk_funding_qf, qf_kv, &p, 3));
        printf("    funding.qf (sqrt=floor)      %9.1f ms\n",
               1e3 * time_rule(&mk_funding_qf, floor_kv, &p, 3));
        printf("    funding.qf_pairwise binary64 %9.1f ms\n",
               1e3 * time_rule(&mk_funding_qf_pairwise, pw64_kv, &p, 1));
        fflush(stdout);
        if (s == 0) { /* the exact pairwise rule at 10^6 takes minutes */
            printf("    funding.qf_pairwise exact    %9.1f ms (%ld threads)\n",
                   1e3 * time_rule(&mk_funding_qf_pairwise, pw_kv, &p, 3), online);
            printf("    funding.qf_pairwise exact    %9.1f ms (1 thread)\n",
                   1e3 * time_rule(&mk_funding_qf_pairwise, pw1_kv, &p, 3));
        }
        fflush(stdout);
        mk_profile_free(&p);
    }
    return 0;
}
