/*
 * bench/cvr: reading a city-sized cast-vote-record CSV and counting it
 * with voting.irv under RCTab's options. The CVR is written in memory from
 * a seeded generator: 194,530 ballots (San Francisco 2011's count), a
 * ballot id and a precinct column, 3 rank columns over 25 candidates, with
 * about 10% of ballots stopping after two ranks and 2% holding an
 * "overvote" cell. Prints the best of REPEAT runs of the reader
 * (mk_voting_read, identical ballots merged as read) and of the count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/rng.h"
#include "mechkit/voting.h"

enum { CANDIDATES = 25, BALLOTS = 194530, RANKS = 3, REPEAT = 5 };

static void die(const char *what, const mk_ctx *ctx)
{
    fprintf(stderr, "%s: %s\n", what, ctx->message);
    exit(1);
}

/* The CVR text; the caller frees it. */
static char *make_cvr(size_t *len)
{
    size_t cap = (size_t)BALLOTS * 64 + 64, at = 0;
    char *text = malloc(cap);
    if (text == NULL)
        exit(1);
    mk_rng rng;
    mk_rng_seed(&rng, 2011);
    at += (size_t)snprintf(text, cap, "Ballot ID,Precinct,Rank 1,Rank 2,Rank 3\n");
    for (int i = 0; i < BALLOTS; i++) {
        unsigned c[RANKS];
        for (int k = 0; k < RANKS; k++) /* distinct candidates */
            for (int again = 1; again;) {
                c[k] = (unsigned)mk_rng_below(&rng, CANDIDATES);
                again = 0;
                for (int q = 0; q < k; q++)
                    again |= c[q] == c[k];
            }
        uint64_t kind = mk_rng_below(&rng, 100);
        at += (size_t)snprintf(text + at, cap - at, "%d,P%u,Cand %u,", 100000 + i,
                               (unsigned)mk_rng_below(&rng, 600), c[0]);
        if (kind < 2)
            at += (size_t)snprintf(text + at, cap - at, "overvote,Cand %u\n", c[2]);
        else if (kind < 12)
            at += (size_t)snprintf(text + at, cap - at, "Cand %u,\n", c[1]);
        else
            at += (size_t)snprintf(text + at, cap - at, "Cand %u,Cand %u\n", c[1], c[2]);
    }
    *len = at;
    return text;
}

int main(void)
{
    size_t len;
    char *text = make_cvr(&len);
    mk_input in = {"city.csv", text, len, "cvr"};
    mk_ctx ctx = MK_CTX_INIT;
    double read_best = 1e9, count_best = 1e9;
    mk_dataset d = MK_DATASET_INIT;
    for (int r = 0; r < REPEAT; r++) {
        mk_dataset_free(&d);
        double t0 = now();
        if (mk_voting_read(&in, NULL, &d, &ctx) != 0)
            die("read", &ctx);
        double t = now() - t0;
        read_best = t < read_best ? t : read_best;
    }
    printf("CVR of %d ballots (%zu bytes): %zu distinct ballots, %zu candidates\n", BALLOTS, len,
           d.reports.n, d.reports.width);
    printf("  read (parse, merge)      %.4f s\n", read_best);
    static const char *const options[][2] = {
        {"overvote", "exhaust"},
        {"overvote", "exhaust_immediately"},
        {"overvote", "always_skip_to_next_rank"},
        {"batch_elimination", "yes"},
    };
    for (size_t o = 0; o < sizeof options / sizeof options[0]; o++) {
        mk_params params = MK_PARAMS_INIT;
        mk_setting setting = {
            0, d.reports.n, d.reports.width, 1, (const char *const *)d.items, d.n_items};
        mk_instance *inst = NULL;
        mk_outcome out = MK_OUTCOME_INIT;
        if (mk_params_set(&params, options[o][0], options[o][1], &ctx) != 0 ||
            mk_mechanism_prepare(&mk_voting_irv, &params, &setting, &inst, &ctx) != 0)
            die("prepare", &ctx);
        count_best = 1e9;
        for (int r = 0; r < REPEAT; r++) {
            double t0 = now();
            if (mk_voting_irv.run(inst, &d.reports, &out, &ctx) != 0)
                die("irv", &ctx);
            double t = now() - t0;
            count_best = t < count_best ? t : count_best;
        }
        char name[64];
        snprintf(name, sizeof name, "%s=%s", options[o][0], options[o][1]);
        printf("  voting.irv %-35s %.4f s\n", name, count_best);
        mk_voting_irv.free(inst);
        mk_outcome_free(&out);
        mk_params_free(&params);
    }
    mk_dataset_free(&d);
    free(text);
    return 0;
}
