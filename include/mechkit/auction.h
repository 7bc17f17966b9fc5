/*
 * mechkit/auction.h - the auction family.
 *
 * Each mechanism is a constant mk_mechanism (see mechanism.h) that can be
 * run directly or found by name in a registry. All of them read bid files
 * (bids.h) and share its row layout. Amounts are minor units at the
 * input's scale; ties are broken by the lowest index (the bidder listed
 * first) unless ties=random, which draws a lottery from the setting's seed.
 */
#ifndef MECHKIT_AUCTION_H
#define MECHKIT_AUCTION_H

#include "mechanism.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Single item, one sealed bid each, optional reserve price. */
extern const mk_mechanism mk_auction_first_price;  /**< winner pays its bid */
extern const mk_mechanism mk_auction_second_price; /**< Vickrey: winner pays the 2nd bid */
extern const mk_mechanism mk_auction_all_pay;      /**< everyone pays its bid */

/* Identical units, downward-sloping marginal bids. */
extern const mk_mechanism mk_auction_uniform_price;     /**< one clearing price */
extern const mk_mechanism mk_auction_pay_as_bid;        /**< discriminatory */
extern const mk_mechanism mk_auction_multiunit_vickrey; /**< pay the bids displaced */

/* Position (sponsored-search) auctions with click-through rates. */
extern const mk_mechanism mk_auction_gsp;           /**< generalised second price */
extern const mk_mechanism mk_auction_vcg_positions; /**< VCG for positions */

/* Myerson's optimal auction for independent private values (myerson.h). */
extern const mk_mechanism mk_auction_myerson;

/* Double auctions: buyers and sellers of one unit each. */
extern const mk_mechanism mk_auction_mcafee;   /**< McAfee's trade reduction */
extern const mk_mechanism mk_auction_k_double; /**< k-double auction */

#ifdef __cplusplus
}
#endif
#endif
