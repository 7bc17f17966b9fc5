#!/bin/bash
# mechkit solve --method simpdiv: matching pennies and Shapley's game
# exactly, an irrational 3-player equilibrium as decimals with a tiny
# exact regret, bad input (one player, too many profiles), and on every
# game of ../shared/data/games an exact equilibrium that is one of the
# known ones of known_answers.json. Exits 77 without the data.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

printf 'NFG 1 R "pennies" { "1" "2" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n' >"$tmp/mp.nfg"
expect 0 "" -- solve --method simpdiv "$tmp/mp.nfg"
field_json '.method' '"simpdiv"'
field_json '.result.count' '1'
field_json '.result.equilibria[0].strategies' '[["1/2","1/2"],["1/2","1/2"]]'
field_json '.result.equilibria[0].payoffs' '["0","0"]'
field_json '.result.equilibria[0].exact' 'true'
field_json '.result.equilibria[0].max_regret' '"0"'
field_json ".result.converged" "true"
field '.result.refinements >= 1 and .result.pivots >= 1 and .result.grid >= 4' 'true'
expect 0 "" -- solve --method simpdiv --format text "$tmp/mp.nfg"
grep -q "^  player 1 (1/2, 1/2)  payoff 0" "$tmp/out" && ok || bad "simpdiv text: $(cat "$tmp/out")"

# Random 2x2x2 (Python random.Random(8), 24 draws randint(0, 99)): of its
# five equilibria (enumpoly) the path from the centroid reaches the fully
# mixed irrational one, player 1 at 0.34510661518730201 (enumpoly's
# certified enclosure).
printf 'NFG 1 R "seed 8" { "1" "2" "3" } { 2 2 2 }\n%s\n' \
    "29 47 48 16 24 90 5 10 17 31 64 26 51 82 3 58 62 58 49 63 73 24 51 11" >"$tmp/r8.nfg"
expect 0 "" -- solve --method simpdiv "$tmp/r8.nfg"
field_json '.result.equilibria[0].exact' 'false'
field '.result.equilibria[0].max_regret | split("/") | (.[0] | tonumber) / ((.[1] // "1") | tonumber) < 1e-9' 'true'
field '.result.equilibria[0].strategies[0][0] | tonumber - 0.345106615187302 | fabs < 1e-11' 'true'

printf 'NFG 1 R "alone" { "1" } { 3 }\n1 2 3\n' >"$tmp/one.nfg"
expect 2 "simpdiv needs a game of at least 2 players" -- solve --method simpdiv "$tmp/one.nfg"
printf 'NFG 1 R "big" { "1" "2" } { 1025 1025 }\n' >"$tmp/big.nfg"
yes 0 | head -n 2101250 | tr '\n' ' ' >>"$tmp/big.nfg"
expect 2 "simpdiv takes at most 1048576 pure profiles" -- solve --method simpdiv "$tmp/big.nfg"
expect 0 "" -- list
grep -q "simpdiv" "$tmp/out" && ok || bad "list lacks simpdiv"

dir=${MECHKIT_SHARED_DATA:-}/games
answers=$dir/known_answers.json
[ -n "${MECHKIT_SHARED_DATA:-}" ] && [ -f "$answers" ] || { finish "solve simpdiv (no shared data)"; exit $?; }
expect 0 "" -- solve --method simpdiv "$dir/shapley_3x3.nfg"
field_json '.result.equilibria[0].strategies' '[["1/3","1/3","1/3"],["1/3","1/3","1/3"]]'
field_json '.result.equilibria[0].payoffs' '["1/3","1/3"]'
for file in $(jq -r '.games | keys[] | select(. != "degenerate_2x3.nfg")' "$answers"); do
    "$MECHKIT" solve --method simpdiv "$dir/$file" >"$tmp/out" 2>"$tmp/err" || { bad "$file: $(cat "$tmp/err")"; continue; }
    got=$(jq -c '.result.equilibria[0] | {strategies, payoffs}' "$tmp/out")
    jq -e --argjson got "$got" --arg f "$file" \
        '.games[$f].equilibria | map({strategies, payoffs}) | index([$got]) != null' "$answers" >/dev/null &&
        ok || bad "$file: simpdiv found $got, not a known equilibrium"
done
finish "solve simpdiv"
