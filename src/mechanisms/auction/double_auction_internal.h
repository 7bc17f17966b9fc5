/*
 * double_auction_internal.h - what double_auction.c (instance, input
 * checks, ranking, vtables) and double_auction_price.c (the pricing rules)
 * share.
 */
#ifndef MECHKIT_DOUBLE_AUCTION_INTERNAL_H
#define MECHKIT_DOUBLE_AUCTION_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "auction_internal.h"

typedef enum double_rule { MCAFEE, K_DOUBLE } double_rule;

typedef struct double_auction {
    mk_auction_base base; /* first: the shared functions cast to it */
    double_rule rule;
    int64_t k_num, k_den; /* k-double: k = k_num / k_den, 0 <= k_num <= k_den */
    size_t capacity;      /* traders the arrays below hold */
    size_t *who;          /* traders of one side, in input order (sort input) */
    int64_t *amount;      /* their bids or asks */
    size_t *buyers;       /* buyers ranked, highest bid first */
} double_auction;

/* The ranked book of one run. Ranks are 0-based: rank i is the text's
 * b_{i+1} and s_{i+1}. */
typedef struct mk_double_book {
    const mk_profile *reports;
    const size_t *buyers;  /* nb buyers, bid descending, ties by priority */
    const size_t *sellers; /* ns sellers, ask ascending, ties by priority */
    size_t nb, ns;
    size_t k; /* efficient trades: largest k with b_k >= s_k (0 if none) */
} mk_double_book;

/* Bid of the buyer of rank i (< nb), ask of the seller of rank i (< ns). */
static inline int64_t mk_double_bid(const mk_double_book *book, size_t i)
{
    return mk_profile_row(book->reports, book->buyers[i])[MK_BID_FIRST];
}

static inline int64_t mk_double_ask(const mk_double_book *book, size_t i)
{
    return mk_profile_row(book->reports, book->sellers[i])[MK_BID_FIRST];
}

/* Reads parameter k (a decimal in [0, 1]) as k_num / k_den with k_den a
 * power of ten; MK_EPARAM naming 'k' otherwise. */
int mk_double_parse_k(const mk_params *params, int64_t *k_num, int64_t *k_den, mk_ctx *ctx);

/* The pricing rules: write allocation, payments and facts into out, which
 * run() has reset to book->reports->n traders at `scale`. */
int mk_double_clear_mcafee(const mk_double_book *book, mk_outcome *out, int scale, mk_ctx *ctx);
int mk_double_clear_k(const mk_double_book *book, int64_t k_num, int64_t k_den, mk_outcome *out,
                      int scale, mk_ctx *ctx);

#endif
