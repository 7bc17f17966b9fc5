/* Shared auction state: common parameters, tie-breaking and ranking bids. */
#include <stdlib.h>
#include <string.h>

#include "auction_internal.h"
#include "mechkit/money.h"

int mk_auction_base_init(mk_auction_base *b, const mk_params *params, const mk_setting *setting,
                         mk_ctx *ctx)
{
    memset(b, 0, sizeof *b);
    b->scale = setting->scale;
    b->seed = setting->seed;
    b->sample_units = 1;
    int ties;
    int rc = mk_params_get_choice(params, "ties", &ties, ctx);
    if (rc != 0)
        return rc;
    b->ties = ties == 1 ? MK_TIES_RANDOM : MK_TIES_LOWEST_INDEX;
    rc = mk_distribution_parse(mk_params_get(params, "values"), b->scale, &b->values, ctx);
    if (rc != 0)
        return mk_error_prefix(ctx, "parameter 'values'");
    return mk_auction_base_reserve(b, setting->n, setting->n, ctx);
}

/* Grows *array to count elements of size bytes; keeps it on failure. */
static int grow(void **array, size_t count, size_t size, mk_ctx *ctx)
{
    size_t bytes;
    if (mk_checked_size_mul(count, size, &bytes) != 0)
        return mk_error(ctx, MK_ERANGE, "auction workspace of %zu entries is too large", count);
    void *grown = realloc(*array, bytes > 0 ? bytes : 1);
    if (grown == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an auction of %zu entries", count);
    *array = grown;
    return MK_OK;
}

int mk_auction_base_reserve(mk_auction_base *b, size_t n, size_t items, mk_ctx *ctx)
{
    int rc;
    if (n > b->capacity || b->priority == NULL) {
        if ((rc = grow((void **)&b->priority, n, sizeof *b->priority, ctx)) != 0)
            return rc;
        b->capacity = n;
    }
    if (items > b->item_capacity || b->order == NULL) {
        if ((rc = grow((void **)&b->order, items, sizeof *b->order, ctx)) != 0 ||
            (rc = grow((void **)&b->keys, items, sizeof *b->keys, ctx)) != 0)
            return rc;
        b->item_capacity = items;
    }
    return MK_OK;
}

void mk_auction_base_free(mk_auction_base *b)
{
    mk_distribution_free(&b->values);
    free(b->priority);
    free(b->order);
    free(b->keys);
    memset(b, 0, sizeof *b);
}

void mk_auction_set_priorities(mk_auction_base *b, size_t n)
{
    if (b->ties == MK_TIES_LOWEST_INDEX) {
        for (size_t i = 0; i < n; i++)
            b->priority[i] = i;
        return;
    }
    /* A lottery drawn afresh from the seed for every run, so that the same
     * profile and seed always give the same outcome. */
    mk_rng rng;
    mk_rng_seed(&rng, b->seed);
    mk_rng_permutation(&rng, b->priority, n);
}

/* An order-preserving map from int64 to uint64; complemented for a
 * descending order, so that every sort below is ascending on keys. */
static uint64_t amount_key(int64_t amount, int ascending)
{
    uint64_t k = (uint64_t)amount ^ UINT64_C(0x8000000000000000);
    return ascending ? k : ~k;
}

static int key_cmp(const mk_auction_key *a, const mk_auction_key *b)
{
    if (a->amount != b->amount)
        return a->amount < b->amount ? -1 : 1;
    if (a->priority != b->priority)
        return a->priority < b->priority ? -1 : 1;
    return 0;
}

static mk_auction_key make_key(const mk_auction_base *b, const size_t *who, const int64_t *amount,
                               size_t i, int ascending)
{
    size_t w = who != NULL ? who[i] : i;
    return (mk_auction_key){amount_key(amount[i], ascending), b->priority[w], w};
}

/* Max-heap on key order: the root is the worst of the best k kept so far. */
static void sift_down(mk_auction_key *heap, size_t n, size_t i)
{
    for (;;) {
        size_t worst = i, l = 2 * i + 1, r = l + 1;
        if (l < n && key_cmp(&heap[l], &heap[worst]) > 0)
            worst = l;
        if (r < n && key_cmp(&heap[r], &heap[worst]) > 0)
            worst = r;
        if (worst == i)
            return;
        mk_auction_key t = heap[i];
        heap[i] = heap[worst];
        heap[worst] = t;
        i = worst;
    }
}

/* In place and without allocation (glibc's qsort may call malloc), so
 * that run() never allocates once warmed up. Keys that compare equal
 * belong to one participant (the priority breaks every other tie), so any
 * correct sort gives the same order[] on every machine. */
static void heap_sort(mk_auction_key *keys, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(keys, n, i);
    for (size_t end = n; end > 1; end--) {
        mk_auction_key t = keys[0];
        keys[0] = keys[end - 1];
        keys[end - 1] = t;
        sift_down(keys, end - 1, 0);
    }
}

void mk_auction_sort(mk_auction_base *b, const size_t *who, const int64_t *amount, size_t count,
                     int ascending)
{
    for (size_t i = 0; i < count; i++)
        b->keys[i] = make_key(b, who, amount, i, ascending);
    heap_sort(b->keys, count);
    for (size_t i = 0; i < count; i++)
        b->order[i] = b->keys[i].who;
}

void mk_auction_top(mk_auction_base *b, const size_t *who, const int64_t *amount, size_t count,
                    size_t k, int ascending)
{
    if (k > count)
        k = count;
    mk_auction_key *heap = b->keys;
    for (size_t i = 0; i < k; i++)
        heap[i] = make_key(b, who, amount, i, ascending);
    for (size_t i = k / 2; i-- > 0;)
        sift_down(heap, k, i);
    for (size_t i = k; i < count && k > 0; i++) {
        mk_auction_key key = make_key(b, who, amount, i, ascending);
        if (key_cmp(&key, &heap[0]) < 0) {
            heap[0] = key;
            sift_down(heap, k, 0);
        }
    }
    heap_sort(heap, k);
    for (size_t i = 0; i < k; i++)
        b->order[i] = heap[i].who;
}
