/*
 * enumpoly_box.h - every root of one support profile's system
 * (enumpoly_system.h) in the box of probabilities, by interval branch and
 * prune with the Krawczyk test (enumpoly_box.c). Private.
 */
#ifndef MECHKIT_GAMES_ENUMPOLY_BOX_H
#define MECHKIT_GAMES_ENUMPOLY_BOX_H

#include "enumpoly_system.h"

/* Called for each root proven to be the only one in the box cert (d
 * intervals); encl (d intervals, inside cert) encloses it narrowly. When
 * the system has no variables (every support one strategy), cert and
 * encl are NULL and the point is the pure profile. Returns 0 or an
 * error, which stops the search. */
typedef int (*enumpoly_found)(void *user, enumpoly_system *sy, const ival *cert, const ival *encl);

/* Searches the box slightly larger than [0, 1]^d: boxes where interval
 * evaluation shows no root, or a strategy outside the support paying
 * more, are dropped; the others are certified, contracted or split.
 * Adds 1 to *unresolved when some box had to be given up (narrower than
 * 1e-9 and undecided, or left over past MK_ENUMPOLY_MAX_BOXES boxes or
 * after 64 given up). Errors: those of found; MK_ENOMEM. */
int enumpoly_solve(enumpoly_system *sy, enumpoly_found found, void *user, size_t *unresolved,
                   mk_ctx *ctx);

#endif
