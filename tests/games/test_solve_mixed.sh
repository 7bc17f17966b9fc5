#!/bin/bash
# mechkit solve --method lcp|enummixed on games written here: matching
# pennies, battle of the sexes, rock-paper-scissors (Osborne and
# Rubinstein, "A Course in Game Theory", 1994, ch. 2-3), von Stengel's
# 3x2 example made degenerate, with a segment of equilibria ("Computing
# equilibria for two-person games", Handbook of Game Theory vol. 3, 2002,
# section 2; the answer is derived in tests/games/test_enummixed.c), the
# JSON and text forms, the cliques, and exit status 2 for games these
# methods refuse.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

printf 'NFG 1 R "MP" { "1" "2" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n' >"$tmp/mp.nfg"
printf 'NFG 1 R "BoS" { "1" "2" } { 2 2 }\n2 1 0 0 0 0 1 2\n' >"$tmp/bos.nfg"
printf 'NFG 1 R "RPS" { "1" "2" } { 3 3 }\n0 0 1 -1 -1 1 -1 1 0 0 1 -1 1 -1 -1 1 0 0\n' >"$tmp/rps.nfg"
# A = [3 3; 2 5; 0 6], B = [3 3; 2 6; 3 1].
printf 'NFG 1 R "vS" { "1" "2" } { { "T" "M" "B" } { "l" "r" } }\n3 3 2 2 0 3 3 3 5 6 6 1\n' \
    >"$tmp/vs.nfg"

# Into a file first: grep -q would close the pipe early, and with
# pipefail the writer's broken pipe fails the check.
"$MECHKIT" solve --help >"$tmp/help"
grep -q "enummixed" "$tmp/help" && ok || bad "enummixed is not in solve --help"

# Matching pennies: the unique equilibrium, both ways.
for m in lcp enummixed; do
    expect 0 "" -- solve --method $m "$tmp/mp.nfg"
    field_json '.method' "\"$m\""
    field_json '.result.equilibria' '[{"strategies":[["1/2","1/2"],["1/2","1/2"]],"payoffs":["0","0"]}]'
    field_json '.result.count' '1'
done
field_json '.result.cliques' '[{"equilibria":[0],"strategies":[[["1/2","1/2"]],[["1/2","1/2"]]]}]'

# Battle of the sexes: two pure and (2/3, 1/3), (1/3, 2/3); lcp from the
# artificial equilibrium reaches the two pure ones.
expect 0 "" -- solve --method enummixed "$tmp/bos.nfg"
field_json '[.result.equilibria[].strategies] | sort' \
    '[[["0","1"],["0","1"]],[["1","0"],["1","0"]],[["2/3","1/3"],["1/3","2/3"]]]'
field_json '[.result.equilibria[] | select(.strategies[0][0] == "2/3") | .payoffs]' '[["2/3","2/3"]]'
field_json '.result.cliques | length' '3'
expect 0 "" -- solve --method lcp "$tmp/bos.nfg"
field_json '[.result.equilibria[].strategies]' '[[["1","0"],["1","0"]],[["0","1"],["0","1"]]]'
field_json 'has("cliques")' 'false'

# Rock-paper-scissors: uniform.
for m in lcp enummixed; do
    expect 0 "" -- solve --method $m "$tmp/rps.nfg"
    field_json '.result.equilibria' \
        '[{"strategies":[["1/3","1/3","1/3"],["1/3","1/3","1/3"]],"payoffs":["0","0"]}]'
done

# The degenerate game: (T, l) and (T, (2/3, 1/3)) are the ends of a segment
# of equilibria (one clique of two), and ((0, 1/3, 2/3), (1/3, 2/3)).
expect 0 "" -- solve --method enummixed "$tmp/vs.nfg"
field_json '.result.count' '3'
field_json '[.result.equilibria[].strategies]' \
    '[[["1","0","0"],["1","0"]],[["1","0","0"],["2/3","1/3"]],[["0","1/3","2/3"],["1/3","2/3"]]]'
field_json '[.result.equilibria[].payoffs]' '[["3","3"],["3","3"],["4","8/3"]]'
field_json '.result.cliques' \
    '[{"equilibria":[0,1],"strategies":[[["1","0","0"]],[["1","0"],["2/3","1/3"]]]},{"equilibria":[2],"strategies":[[["0","1/3","2/3"]],[["1/3","2/3"]]]}]'
expect 0 "" -- solve --method enummixed --format text "$tmp/vs.nfg"
grep -qF "Nash equilibria (enummixed): 3" "$tmp/out" &&
    grep -qF "3. (0, 1/3, 2/3) (1/3, 2/3)  payoffs 4, 8/3" "$tmp/out" &&
    grep -qF "1. equilibria 1, 2" "$tmp/out" && ok || bad "enummixed text: $(cat "$tmp/out")"
expect 0 "" -- solve --method lcp --format text "$tmp/vs.nfg"
grep -qF "Nash equilibria (lcp):" "$tmp/out" && ! grep -q "cliques" "$tmp/out" && ok ||
    bad "lcp text: $(cat "$tmp/out")"

# Refused: three players; a game beyond enummixed's 64 labels. A 12x12
# game (C(24, 12) tight systems, once refused) is solved: with all
# payoffs 0 every one of its 144 pure profiles is an extreme equilibrium.
printf 'NFG 1 R "c3" { "a" "b" "c" } { 1 1 1 }\n1 1 1\n' >"$tmp/c3.nfg"
expect 2 "3 players" -- solve --method lcp "$tmp/c3.nfg"
expect 2 "3 players" -- solve --method enummixed "$tmp/c3.nfg"
{
    printf 'NFG 1 R "big" { "1" "2" } { 12 12 }\n'
    for _ in $(seq 288); do printf '0 '; done
    printf '\n'
} >"$tmp/big.nfg"
expect 0 "" -- solve --method enummixed "$tmp/big.nfg"
field_json '.result.count' '144'
printf 'NFG 1 R "wide" { "1" "2" } { 1 64 }\n' >"$tmp/wide.nfg"
for _ in $(seq 128); do printf '0 '; done >>"$tmp/wide.nfg"
expect 2 "at most 64" -- solve --method enummixed "$tmp/wide.nfg"
expect 0 "" -- solve --method lcp "$tmp/big.nfg"
field_json '.result.count >= 1' 'true'

finish "solve mixed"
