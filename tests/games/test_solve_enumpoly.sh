#!/bin/bash
# mechkit solve --method enumpoly: the JSON, text and Gambit forms, an
# irrational equilibrium given as a certified enclosure (the value from an
# independent sympy computation, see tests/games/test_enumpoly.c), and on
# every game of ../shared/data/games exactly the known equilibria of
# known_answers.json (all of them, complete) except the degenerate game,
# whose continuum is reported as unresolved. Exits 77 without the data.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

printf 'NFG 1 R "seed 6" { "1" "2" "3" } { 2 2 2 }\n%s\n' \
    "73 10 62 97 33 4 0 18 84 75 60 97 94 47 40 98 2 34 62 25 93 52 68 69" >"$tmp/r6.nfg"
expect 0 "" -- solve --method enumpoly "$tmp/r6.nfg"
field_json '.method' '"enumpoly"'
field_json '.result.count' '3'
field_json '.result.complete' 'true'
field_json '[.result.equilibria[].exact]' '[true,true,false]'
field_json '.result.equilibria[0].strategies' '[["0","1"],["0","1"],["1","0"]]'
# (73345 + sqrt(79818379)) / 107103 = 0.76822416942985120779...
field '.result.equilibria[2].enclosure.strategies[0][0] | (.[0] | tonumber) <= 0.768224169429851207 and (.[1] | tonumber) >= 0.768224169429851207' 'true'
field_json '.result.equilibria[2].enclosure.strategies[1] | length' '2'
expect 0 "" -- solve --method enumpoly --format gambit "$tmp/r6.nfg"
[ "$(head -n 2 "$tmp/out")" = "$(printf 'NE,0,1,0,1,1,0\nNE,28/37,9/37,0,1,2/17,15/17')" ] && ok ||
    bad "enumpoly gambit: $(cat "$tmp/out")"
expect 0 "" -- solve --method enumpoly --format text "$tmp/r6.nfg"
grep -q "^  3. enclosed (0.76822416942985" "$tmp/out" && ok || bad "enumpoly text: $(cat "$tmp/out")"
printf 'NFG 1 R "big" { "1" "2" "3" } { 4 4 5 }\n' >"$tmp/big.nfg"
printf '0 %.0s' $(seq 1 240) >>"$tmp/big.nfg"
expect 2 "enumpoly takes games of at most 27 profiles" -- solve --method enumpoly "$tmp/big.nfg"

dir=${MECHKIT_SHARED_DATA:-}/games
answers=$dir/known_answers.json
[ -n "${MECHKIT_SHARED_DATA:-}" ] && [ -f "$answers" ] || { finish "solve enumpoly (no shared data)"; exit $?; }
expect 2 "this one has 36 profiles" -- solve --method enumpoly "$dir/random_6x6_seed20240601.nfg"
for file in $(jq -r '.games | keys[] | select(. != "random_6x6_seed20240601.nfg")' "$answers"); do
    "$MECHKIT" solve --method enumpoly "$dir/$file" >"$tmp/out" 2>"$tmp/err" || { bad "$file: $(cat "$tmp/err")"; continue; }
    want=$(jq -c --arg f "$file" '.games[$f].equilibria | map({strategies, payoffs}) | sort' "$answers")
    got=$(jq -c '.result.equilibria | map({strategies, payoffs}) | sort' "$tmp/out")
    if [ "$file" = degenerate_2x3.nfg ]; then
        # The two isolated (pure) equilibria; the segment is unresolved.
        field_json '.result.complete' 'false'
        field_json '.result.unresolved_supports' '[[[1,2],[2]]]'
        jq -e --argjson want "$want" 'all(.result.equilibria[] | {strategies, payoffs}; . as $x | $want | index([$x]) != null)' "$tmp/out" >/dev/null && ok || bad "$file: $got"
    else
        [ "$got" = "$want" ] && ok || bad "$file: got $got, expected $want"
        field_json '.result.complete' 'true'
    fi
done
finish "solve enumpoly"
