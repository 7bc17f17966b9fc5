/*
 * Ballots' ranks by candidate and the head-to-head counts read from them
 * (voting_columns.h).
 */
#include "voting_columns.h"

#include <string.h>

int voting_columns_size(size_t n, size_t m, size_t *bytes)
{
    size_t width = m <= VOTING_NARROW_MAX ? 1 : 2;
    return __builtin_mul_overflow(n, m, bytes) || __builtin_mul_overflow(*bytes, width, bytes) ? -1
                                                                                               : 0;
}

void voting_columns_fill(const mk_profile *p, void *columns)
{
    size_t n = p->n, m = p->width;
    uint8_t *narrow = columns;
    uint16_t *wide = columns;
    for (size_t i = 0; i < n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        for (size_t j = 0; j < m; j++) {
            if (m <= VOTING_NARROW_MAX)
                narrow[j * n + i] = (uint8_t)(row[j] - 1);
            else
                wide[j * n + i] = (uint16_t)(row[j] - 1);
        }
    }
}

/* Lanes of unweighted counters: 16 bytes or 8 words, each counting up to
 * its type's maximum before it is emptied into the totals. */
typedef uint8_t byte_lanes __attribute__((vector_size(16)));
typedef uint16_t word_lanes __attribute__((vector_size(16)));

/* The unweighted counts for one key type: lanes of `lanes` keys compared
 * at once; every lane subtracts the comparison's -1 where it holds. */
#define COUNT_UNWEIGHTED(name, key_type, lanes, most)                                              \
    static void name(const key_type *ka, const key_type *kb, size_t len, int64_t *ab, int64_t *ba) \
    {                                                                                              \
        enum { PER = sizeof(lanes) / sizeof(key_type) };                                           \
        size_t i = 0;                                                                              \
        while (len - i >= PER) {                                                                   \
            lanes above = {0}, below = {0};                                                        \
            for (size_t k = 0; k < (most) && len - i >= PER; k++, i += PER) {                      \
                lanes x, y;                                                                        \
                memcpy(&x, ka + i, sizeof x);                                                      \
                memcpy(&y, kb + i, sizeof y);                                                      \
                above -= (lanes)(x < y);                                                           \
                below -= (lanes)(y < x);                                                           \
            }                                                                                      \
            for (size_t k = 0; k < PER; k++) {                                                     \
                *ab += above[k];                                                                   \
                *ba += below[k];                                                                   \
            }                                                                                      \
        }                                                                                          \
        for (; i < len; i++) {                                                                     \
            *ab += ka[i] < kb[i];                                                                  \
            *ba += kb[i] < ka[i];                                                                  \
        }                                                                                          \
    }

COUNT_UNWEIGHTED(count_narrow, uint8_t, byte_lanes, UINT8_MAX)
COUNT_UNWEIGHTED(count_wide, uint16_t, word_lanes, UINT16_MAX)

/* The weighted counts for one key type. */
#define COUNT_WEIGHTED(name, key_type)                                                             \
    static void name(const key_type *ka, const key_type *kb, size_t len, const int64_t *w,         \
                     int64_t *ab, int64_t *ba)                                                     \
    {                                                                                              \
        int64_t above = 0, below = 0;                                                              \
        for (size_t i = 0; i < len; i++) {                                                         \
            above += w[i] & -(int64_t)(ka[i] < kb[i]);                                             \
            below += w[i] & -(int64_t)(kb[i] < ka[i]);                                             \
        }                                                                                          \
        *ab += above;                                                                              \
        *ba += below;                                                                              \
    }

COUNT_WEIGHTED(weigh_narrow, uint8_t)
COUNT_WEIGHTED(weigh_wide, uint16_t)

void voting_columns_count(const void *columns, size_t n, size_t m, size_t a, size_t b, size_t lo,
                          size_t hi, const int64_t *w, int64_t *ab, int64_t *ba)
{
    size_t len = hi - lo;
    if (m <= VOTING_NARROW_MAX) {
        const uint8_t *k = columns;
        if (w == NULL)
            count_narrow(k + a * n + lo, k + b * n + lo, len, ab, ba);
        else
            weigh_narrow(k + a * n + lo, k + b * n + lo, len, w + lo, ab, ba);
    } else {
        const uint16_t *k = columns;
        if (w == NULL)
            count_wide(k + a * n + lo, k + b * n + lo, len, ab, ba);
        else
            weigh_wide(k + a * n + lo, k + b * n + lo, len, w + lo, ab, ba);
    }
}
