#!/bin/bash
# mechkit solve --method kantian on the games of ../shared/data/games. The
# superrational answers follow by hand from the payoff matrices of
# known_answers.json (u(p, p) = p'Ap, p = probability of strategy 1):
#   prisoners_dilemma  3p^2 + 5p(1-p) + (1-p)^2 = 1 + 3p - p^2: p = 1 (Cooperate), 3
#   stag_hunt          4p^2 + 3(1-p): ends 4 and 3: Stag, 4
#   chicken            -10(1-p)^2: Swerve, 0
#   coordination 3x2   p^3 + (1-p)^3: both ends, 1
#   rock_paper_scissors p'Ap = 0 (A antisymmetric): every strategy, 0
# and the games that are not symmetric (matching pennies, battle of the
# sexes, Shapley's game, the 2x3 and the random 6x6) are refused, exit 2.
# Exits 77 (skipped) when the shared data is absent.
set -uo pipefail
: "${MECHKIT:?}"
dir=${MECHKIT_SHARED_DATA:-}/games
[ -n "${MECHKIT_SHARED_DATA:-}" ] && [ -d "$dir" ] || { echo "no shared data: skipped"; exit 77; }
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

choices='[.result.equilibria[] | {p: .strategies[0], v: .payoffs[0]}]'
expect 0 "" -- solve --method kantian "$dir/prisoners_dilemma.nfg"
field "$choices" '[{"p":["1","0"],"v":"3"}]'
expect 0 "" -- solve --method kantian "$dir/stag_hunt.nfg"
field "$choices" '[{"p":["1","0"],"v":"4"}]'
expect 0 "" -- solve --method kantian "$dir/chicken.nfg"
field "$choices" '[{"p":["1","0"],"v":"0"}]'
expect 0 "" -- solve --method kantian "$dir/coordination_3player_2x2x2.nfg"
field "$choices" '[{"p":["1","0"],"v":"1"},{"p":["0","1"],"v":"1"}]'
field '.result.equilibria[0].strategies | length' "3"
expect 0 "" -- solve --method kantian "$dir/rock_paper_scissors.nfg"
field '.result.every_strategy_optimal' "true"
field '[.result.equilibria[].payoffs[0]] | unique' '["0"]'
for f in matching_pennies battle_of_the_sexes shapley_3x3 degenerate_2x3 random_6x6_seed20240601; do
    expect 2 "not symmetric" -- solve --method kantian "$dir/$f.nfg"
done
finish "kantian known answers"
