/*
 * IRV rounds counted from the columns of keys (irv_ballots.c) instead of
 * by moving ballots: late in a count, when few candidates continue and
 * each elimination moves many ballots (a fifth of them with five left),
 * reading every ballot's continuing keys in order costs less than
 * visiting the moved ballots scattered over memory. Only for ballots that
 * rank 1, 2, ... in turn (no over-vote, skipped or repeated rank), for
 * which RCTab's walk stops at the best-ranked continuing candidate.
 */
#include <string.h>

#include "voting_internal.h"

/* Ballots per block: a block's best keys and candidates stay in the first
 * level of cache while the continuing columns are read. */
#define BLOCK 4096

typedef uint8_t byte_vector __attribute__((vector_size(16)));

/* How many of the len bytes at `bytes` equal `value`: 16 lanes of byte
 * counters, emptied before they overflow. */
static int64_t count_equal(const uint8_t *bytes, size_t len, uint8_t value)
{
    int64_t count = 0;
    size_t i = 0;
    while (len - i >= sizeof(byte_vector)) {
        byte_vector lanes = {0};
        for (size_t k = 0; k < UINT8_MAX && len - i >= sizeof lanes; k++, i += sizeof lanes) {
            byte_vector next;
            memcpy(&next, bytes + i, sizeof next);
            lanes -= (byte_vector)(next == value); /* -1 where equal */
        }
        for (size_t k = 0; k < sizeof lanes; k++)
            count += lanes[k];
    }
    for (; i < len; i++)
        count += bytes[i] == value;
    return count;
}

int64_t voting_irv_column_round(const voting *v, const mk_profile *p, int64_t *tally)
{
    size_t m = v->m, n = p->n;
    const uint8_t *keys = (const uint8_t *)v->ballots.keys;
    const int64_t *weight = v->ballots.unit ? NULL : p->weight;
    int64_t sum[UINT8_MAX + 1][4]; /* by candidate (UINT8_MAX: none); 4 to break chains */
    memset(sum, 0, sizeof sum);
    for (size_t at = 0; at < n; at += BLOCK) {
        size_t len = n - at < BLOCK ? n - at : BLOCK;
        uint8_t best[BLOCK], who[BLOCK];
        memset(best, UINT8_MAX, len);
        memset(who, UINT8_MAX, len);
        for (size_t j = 0; j < m; j++) {
            if (v->out_round[j] >= 0)
                continue;
            const uint8_t *key = keys + j * n + at;
            for (size_t i = 0; i < len; i++) {
                int below = key[i] < best[i];
                best[i] = below ? key[i] : best[i];
                who[i] = below ? (uint8_t)j : who[i];
            }
        }
        if (weight != NULL) {
            for (size_t i = 0; i < len; i++)
                sum[who[i]][i & 3] += weight[at + i];
            continue;
        }
        for (size_t j = 0; j < m; j++)
            if (v->out_round[j] < 0)
                sum[j][0] += count_equal(who, len, (uint8_t)j);
    }
    int64_t counted = 0;
    for (size_t j = 0; j < m; j++)
        if (v->out_round[j] < 0) {
            tally[j] = sum[j][0] + sum[j][1] + sum[j][2] + sum[j][3];
            counted += tally[j];
        }
    return counted;
}
