/*
 * bench/cocm: the speed of funding.cocm (both variants) beside funding.qf on
 * the seeded synthetic rounds of funding_bench.h: 80,000 contributions from
 * 15,000 contributors to 800 projects, and 10^6 contributions from 10^5
 * contributors to 1,000 projects.
 *
 * Target (issue 6): cocm over all projects <= 10 s at the 80,000 size
 * (Gitcoin's reference Python took over 40 minutes, a numpy rewrite 52 s).
 * "--quick": the 80,000 size only.
 */
#include <stdio.h>
#include <string.h>

#include "funding_bench.h"

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    static const size_t sizes[2][3] = {{80000, 15000, 800}, {1000000, 100000, 1000}};
    static const char *const qf_kv[] = {"pool=100000", NULL};
    static const char *const paper_kv[] = {"pool=100000", "variant=paper", NULL};
    static const char *const gitcoin_kv[] = {"pool=100000", "variant=gitcoin", NULL};
    printf("cocm: seeded synthetic rounds (bench/cocm.c)\n");
    for (int s = 0; s < (quick ? 1 : 2); s++) {
        mk_profile p = MK_PROFILE_INIT;
        synthetic_round(&p, sizes[s][0], sizes[s][1], sizes[s][2], 6);
        printf("  %zu contributions, %zu contributors, %zu projects:\n", sizes[s][0], sizes[s][1],
               sizes[s][2]);
        printf("    funding.qf                   %9.1f ms\n",
               1e3 * time_rule(&mk_funding_qf, qf_kv, &p, 3));
        printf("    funding.cocm variant=paper   %9.1f ms\n",
               1e3 * time_rule(&mk_funding_cocm, paper_kv, &p, 3));
        fflush(stdout);
        printf("    funding.cocm variant=gitcoin %9.1f ms\n",
               1e3 * time_rule(&mk_funding_cocm, gitcoin_kv, &p, 1));
        fflush(stdout);
        mk_profile_free(&p);
    }
    return 0;
}
