/*
 * bench/voting_profile: writes the benchmark's impartial-culture election
 * as a PrefLib .soc file, so that mechkit and a peer library (see
 * bench/voting_peers.sh) read the same bytes.
 *
 *   voting_profile OUT.soc [CANDIDATES [BALLOTS [SEED]]]
 *
 * Defaults 20 candidates, 100,000 ballots, seed 2026: the bytes that
 * bench/voting builds in memory and reads, of the profile bench/stv
 * draws (voting_bench.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "voting_bench.h"

enum { DEFAULT_CANDIDATES = 20, DEFAULT_BALLOTS = 100000, DEFAULT_SEED = 2026 };

static unsigned long argument(int argc, char **argv, int i, unsigned long fallback)
{
    if (argc <= i)
        return fallback;
    char *end;
    unsigned long v = strtoul(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end != '\0' || v == 0) {
        fprintf(stderr, "voting_profile: '%s' is not a positive integer\n", argv[i]);
        exit(2);
    }
    return v;
}

/* Draws the profile and writes it; returns the exit status. */
static int write_profile(const char *path, size_t m, size_t ballots, uint64_t seed)
{
    mk_ctx ctx = MK_CTX_INIT;
    char *text = NULL;
    size_t len = 0;
    if (voting_bench_text(m, ballots, seed, &text, &len, &ctx) != 0) {
        fprintf(stderr, "voting_profile: %s\n", ctx.message);
        return 1;
    }
    FILE *f = fopen(path, "wb");
    int ok = f != NULL && fwrite(text, 1, len, f) == len;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    free(text);
    if (!ok)
        fprintf(stderr, "voting_profile: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 5) {
        fprintf(stderr, "usage: voting_profile OUT.soc [CANDIDATES [BALLOTS [SEED]]]\n");
        return 2;
    }
    size_t m = argument(argc, argv, 2, DEFAULT_CANDIDATES);
    size_t ballots = argument(argc, argv, 3, DEFAULT_BALLOTS);
    uint64_t seed = argument(argc, argv, 4, DEFAULT_SEED);
    return write_profile(argv[1], m, ballots, seed);
}
