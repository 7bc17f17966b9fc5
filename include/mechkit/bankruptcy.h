/*
 * mechkit/bankruptcy.h - bankruptcy problems (claims problems) and the
 * classical division rules, exact.
 *
 * An estate E >= 0 is divided among claimants with claims c_i >= 0 whose
 * sum C is at least E (O'Neill 1982). Rules (Aumann and Maschler 1985;
 * Thomson 2003, "Axiomatic and game-theoretic analysis of bankruptcy and
 * taxation problems", for the definitions used here):
 *
 * - proportional: x_i = E c_i / C (0 for everyone when C = 0).
 * - cea, constrained equal awards: x_i = min(c_i, lambda), lambda chosen
 *   so that the awards add up to E.
 * - cel, constrained equal losses: x_i = max(0, c_i - mu), likewise.
 * - talmud (the contested garment rule, Aumann and Maschler 1985): when
 *   E <= C/2, CEA applied to the half-claims; otherwise each gets half
 *   its claim plus CEL of the half-claims applied to E - C/2.
 *
 * Estates 100, 200, 300 with claims 100, 200, 300 give by Talmud
 * (100/3, 100/3, 100/3), (50, 75, 75) and (50, 100, 150).
 *
 * JSON (mk_bankruptcy_read_json):
 *
 *   {"type": "bankruptcy", "estate": E, "rule": "talmud",
 *    "claimants": [{"name": "A", "claim": 100}, ...]}
 *
 * Amounts are JSON integers or exact numbers in strings ("2.5", "7/3").
 * "rule" is optional (the rule to apply when the caller names none); keys
 * "name", "notes", "description", "source" are informational.
 */
#ifndef MECHKIT_BANKRUPTCY_H
#define MECHKIT_BANKRUPTCY_H

#include <stddef.h>

#include "error.h"
#include "rational.h"
#include "tu_game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most claimants. */
#define MK_BANKRUPTCY_MAX_CLAIMANTS 100000

enum mk_bankruptcy_rule {
    MK_BANKRUPTCY_PROPORTIONAL = 0,
    MK_BANKRUPTCY_CEA = 1,
    MK_BANKRUPTCY_CEL = 2,
    MK_BANKRUPTCY_TALMUD = 3,
    MK_BANKRUPTCY_RULES = 4 /**< how many rules there are */
};

/** A bankruptcy problem; read-only for callers, every pointer owned. */
typedef struct mk_bankruptcy {
    size_t n;
    char **names;       /**< n unique non-empty names */
    mk_rational *claim; /**< n claims >= 0 */
    mk_rational estate; /**< 0 <= estate <= sum of the claims */
    int rule;           /**< the input's "rule", or -1 */
    char *title;        /**< the input's "name", or NULL */
} mk_bankruptcy;

/** Builds a problem from copies of names and claims. MK_EINPUT for an
 *  empty or duplicate name, MK_ERANGE for a negative amount or an estate
 *  above the sum of the claims (then it is no bankruptcy), MK_ELIMIT for
 *  no claimant or past MK_BANKRUPTCY_MAX_CLAIMANTS, MK_ENOMEM. */
int mk_bankruptcy_new(mk_bankruptcy **out, size_t n, const char *const *names,
                      const mk_rational *claim, mk_rational estate, mk_ctx *ctx);

/** Frees b and everything it owns; NULL is a no-op. */
void mk_bankruptcy_free(mk_bankruptcy *b);

/** The awards of rule (enum mk_bankruptcy_rule), exact, with places
 *  (0..MK_COOP_MAX_PLACES) decimals; they add up to the estate exactly.
 *  MK_EPARAM for an unknown rule or bad places, MK_ENOMEM. O(n log n). */
int mk_bankruptcy_divide(const mk_bankruptcy *b, int rule, int places, mk_coop_vector **out,
                         mk_ctx *ctx);

/**
 * The bankruptcy game of b as an explicit game (mechkit/tu_game.h): a
 * coalition is worth what the others leave of the estate,
 * v(S) = max(0, E - sum of the claims outside S) (O'Neill 1982). Its
 * Shapley value is O'Neill's random arrival rule; Aumann and Maschler
 * 1985 show Talmud is its nucleolus. MK_ELIMIT past
 * MK_TU_GAME_MAX_PLAYERS claimants, MK_ERANGE when the amounts over their
 * common denominator do not fit int64, MK_ENOMEM. O(2^n).
 */
int mk_bankruptcy_game(const mk_bankruptcy *b, mk_tu_game **out, mk_ctx *ctx);

/** "proportional", "cea", "cel", "talmud"; NULL for an unknown rule. */
const char *mk_bankruptcy_rule_name(int rule);

/** The rule named s (the names above), or -1. */
int mk_bankruptcy_rule_parse(const char *s);

/** Reads a problem from JSON (see above); messages start with name and
 *  the path of the value at fault. Codes of mk_bankruptcy_new, MK_EINPUT
 *  (an unknown "rule" too). */
int mk_bankruptcy_read_json(mk_bankruptcy **out, const char *name, const char *data, size_t len,
                            mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
