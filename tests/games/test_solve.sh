#!/bin/bash
# mechkit solve: pure equilibria and dominance of games written here
# (classic games, Osborne and Rubinstein 1994, ch. 2), the JSON envelope,
# the text form, and exit status 2 with line:column for bad .nfg input.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

cat >"$tmp/pd.nfg" <<'NFG'
NFG 1 R "Prisoner's Dilemma" { "Row" "Column" }
{ { "Cooperate" "Defect" } { "Cooperate" "Defect" } }
""

3 3 5 0 0 5 1 1
NFG
printf 'NFG 1 R "BoS" { "1" "2" } { 2 2 }\n2 1 0 0 0 0 1 2\n' >"$tmp/bos.nfg"
printf 'NFG 1 R "MP" { "1" "2" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n' >"$tmp/mp.nfg"
printf 'NFG 1 R "c3" { "a" "b" "c" } { 2 2 2 }\n1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1/2 1/2 1/2\n' \
    >"$tmp/c3.nfg"

expect 0 "" -- solve --help
grep -q "usage: mechkit solve" "$tmp/out" && ok || bad "solve --help"
"$MECHKIT" --help | grep -q "^  solve " && ok || bad "solve is not in mechkit --help"

# Prisoner's dilemma: unique (Defect, Defect).
expect 0 "" -- solve --method pure "$tmp/pd.nfg"
field_json '.command' '"solve"'
field_json '.method' '"pure"'
field_json '.input.name' "\"$tmp/pd.nfg\""
field_json '.input.sha256' "\"$(sha256sum "$tmp/pd.nfg" | cut -d' ' -f1)\""
field_json '.result.count' '1'
field_json '.result.equilibria[0].profile' '["Defect","Defect"]'
field_json '.result.equilibria[0].strategies' '[["0","1"],["0","1"]]'
field_json '.result.equilibria[0].payoffs' '["1","1"]'
field_json '.game.players' '["Row","Column"]'

# Battle of the sexes: two pure equilibria; strategies numbered from 1.
expect 0 "" -- solve "$tmp/bos.nfg"
field_json '[.result.equilibria[].profile]' '[[1,1],[2,2]]'
field_json '[.result.equilibria[].payoffs]' '[["2","1"],["1","2"]]'

# Matching pennies: none.
expect 0 "" -- solve "$tmp/mp.nfg"
field_json '.result' '{"equilibria":[],"count":0}'

# Three players, a fractional payoff.
expect 0 "" -- solve "$tmp/c3.nfg"
field_json '[.result.equilibria[].profile]' '[[1,1,1],[2,2,2]]'
field_json '.result.equilibria[1].payoffs' '["1/2","1/2","1/2"]'

# The outcome version; a strategy with an empty name is shown by number.
cat >"$tmp/out.nfg" <<'NFG'
NFG 1 R "coordination" { "1" "2" } { { "" "B" } { "L" "" } }
{ { "hit" 1/2, 1/2 } }
1 0 0 1
NFG
expect 0 "" -- solve "$tmp/out.nfg"
field_json '[.result.equilibria[].profile]' '[[1,"L"],["B",2]]'
field_json '.game.strategies' '[[1,"B"],["L",2]]'

# Standard input and the text form.
"$MECHKIT" solve --format text - <"$tmp/pd.nfg" >"$tmp/out" 2>"$tmp/err" && ok || bad "stdin"
grep -q "pure Nash equilibria: 1" "$tmp/out" && grep -q "(Defect, Defect)  payoffs 1, 1" "$tmp/out" &&
    ok || bad "text form: $(cat "$tmp/out")"

# Dominance: the order of elimination.
expect 0 "" -- solve --method dominance "$tmp/pd.nfg"
field_json '.method' '"dominance"'
field_json '.result.eliminations' \
    '[{"round":1,"player":1,"strategy":"Cooperate","dominated_by":"Defect"},{"round":1,"player":2,"strategy":"Cooperate","dominated_by":"Defect"}]'
field_json '.result.surviving' '[["Defect"],["Defect"]]'
printf 'NFG 1 R "G" { "1" "2" } { 2 3 }\n1 0 0 3 1 2 0 1 0 1 2 0\n' >"$tmp/g.nfg"
expect 0 "" -- solve --method dominance "$tmp/g.nfg"
field_json '[.result.eliminations[] | [.round, .player, .strategy, .dominated_by]]' \
    '[[1,2,3,2],[2,1,2,1],[3,2,1,2]]'
field_json '.result.rounds' '3'
expect 0 "" -- solve --method dominance --format text "$tmp/g.nfg"
grep -qF 'round 3: player 2 "2": 1 is dominated by 2' "$tmp/out" && ok || bad "dominance text"

# Usage errors.
expect 2 "unknown method 'simplex'" -- solve --method simplex "$tmp/pd.nfg"
expect 2 "no input file" -- solve
expect 2 "unknown format" -- solve --format xml "$tmp/pd.nfg"
expect 2 "unknown input format" -- solve --input-format csv "$tmp/pd.nfg"
expect 2 "line 1, column" -- solve --input-format json "$tmp/pd.nfg"
expect 2 "cannot open" -- solve "$tmp/missing.nfg"

# Bad input: exit 2 with file:line:column.
bad_input() {
    local name=$1 pattern=$2
    printf '%b' "$3" >"$tmp/$name.nfg"
    expect 2 "$tmp/$name.nfg:$pattern" -- solve "$tmp/$name.nfg"
}
bad_input short "3:6: wrong number of payoffs: expected 8" 'NFG 1 R "t" { "a" "b" } { 2 2 }\n3 3 5 0\n0 5 1'
bad_input long "2:17: wrong number of payoffs: more than the 8" 'NFG 1 R "t" { "a" "b" } { 2 2 }\n3 3 5 0 0 5 1 1 9'
bad_input zero "1:29: a player has zero strategies" 'NFG 1 R "t" { "a" "b" } { 2 0 }\n'
bad_input names "2:15: strategies of player 2 are missing" 'NFG 1 R "t" { "a" "b" }\n{ { "x" "y" } }\n1 2 3 4'
bad_input number "2:3: '1.2.3' is not a number" 'NFG 1 R "t" { "a" } { 2 }\n1 1.2.3'
bad_input overflow "1:42: the strategy counts multiply" \
    'NFG 1 R "t" { "a" "b" "c" } { 4294967296 4294967296 2 }\n1'
bad_input range "2:1: '99999999999999999999' does not fit" 'NFG 1 R "t" { "a" } { 1 }\n99999999999999999999'
bad_input empty "1:1: expected 'NFG'" ''

finish "solve"
