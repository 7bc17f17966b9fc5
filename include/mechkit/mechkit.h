/*
 * mechkit/mechkit.h - every public header of libmechkit at once, and the
 * library's version. Each header documents its part; start with
 * mechanism.h (the interface every mechanism implements) and registry.h.
 */
#ifndef MECHKIT_MECHKIT_H
#define MECHKIT_MECHKIT_H

#include "error.h"
#include "hash.h"
#include "money.h"
#include "params.h"
#include "profile.h"
#include "rational.h"
#include "rng.h"

#include "mechanism.h"
#include "registry.h"

#include "bids.h"
#include "csv.h"
#include "distribution.h"
#include "preflib.h"
#include "blt.h"

#include "auction.h"
#include "funding.h"
#include "myerson.h"
#include "voting.h"
#include "stv.h"

#include "audit.h"
#include "sim.h"

#include "correlated.h"
#include "dominance.h"
#include "enumpoly.h"
#include "game.h"
#include "game_json.h"
#include "mixed.h"
#include "nash.h"
#include "nfg.h"
#include "regret.h"

#include "airport.h"
#include "bankruptcy.h"
#include "coop.h"
#include "nucleolus.h"
#include "power.h"
#include "simple_indices.h"
#include "tu_game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of the library, "MAJOR.MINOR.PATCH". */
const char *mk_version(void);

#ifdef __cplusplus
}
#endif
#endif
