#!/bin/bash
# mechkit solve: pure equilibria and dominance of games written here
# (classic games, Osborne and Rubinstein 1994, ch. 2), the JSON envelope,
# the text form, and exit status 2 with line:column for bad .nfg input.
set -uo pipefail
: "${MECHKIT:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0 passed=0

ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect STATUS PATTERN -- ARGS...: exit status and a pattern in stderr.
expect() {
    local status=$1 pattern=$2
    shift 3
    "$MECHKIT" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$status" ]; then
        bad "mechkit $* exited $got, expected $status; stderr: $(cat "$tmp/err")"
    elif [ -n "$pattern" ] && ! grep -qF -- "$pattern" "$tmp/err"; then
        bad "mechkit $*: stderr lacks '$pattern': $(cat "$tmp/err")"
    else
        ok
    fi
}

# field JQ EXPECTED: a value of the last JSON output.
field() {
    local got
    got=$(jq -c "$1" "$tmp/out")
    [ "$got" = "$2" ] && ok || bad "$1 is '$got', expected '$2'"
}

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
field '.command' '"solve"'
field '.method' '"pure"'
field '.input.name' "\"$tmp/pd.nfg\""
field '.input.sha256' "\"$(sha256sum "$tmp/pd.nfg" | cut -d' ' -f1)\""
field '.result.count' '1'
field '.result.equilibria[0].profile' '["Defect","Defect"]'
field '.result.equilibria[0].strategies' '[["0","1"],["0","1"]]'
field '.result.equilibria[0].payoffs' '["1","1"]'
field '.game.players' '["Row","Column"]'

# Battle of the sexes: two pure equilibria; strategies numbered from 1.
expect 0 "" -- solve "$tmp/bos.nfg"
field '[.result.equilibria[].profile]' '[[1,1],[2,2]]'
field '[.result.equilibria[].payoffs]' '[["2","1"],["1","2"]]'

# Matching pennies: none.
expect 0 "" -- solve "$tmp/mp.nfg"
field '.result' '{"equilibria":[],"count":0}'

# Three players, a fractional payoff.
expect 0 "" -- solve "$tmp/c3.nfg"
field '[.result.equilibria[].profile]' '[[1,1,1],[2,2,2]]'
field '.result.equilibria[1].payoffs' '["1/2","1/2","1/2"]'

# The outcome version; a strategy with an empty name is shown by number.
cat >"$tmp/out.nfg" <<'NFG'
NFG 1 R "coordination" { "1" "2" } { { "" "B" } { "L" "" } }
{ { "hit" 1/2, 1/2 } }
1 0 0 1
NFG
expect 0 "" -- solve "$tmp/out.nfg"
field '[.result.equilibria[].profile]' '[[1,"L"],["B",2]]'
field '.game.strategies' '[[1,"B"],["L",2]]'

# Standard input and the text form.
"$MECHKIT" solve --format text - <"$tmp/pd.nfg" >"$tmp/out" 2>"$tmp/err" && ok || bad "stdin"
grep -q "pure Nash equilibria: 1" "$tmp/out" && grep -q "(Defect, Defect)  payoffs 1, 1" "$tmp/out" &&
    ok || bad "text form: $(cat "$tmp/out")"

# Dominance: the order of elimination.
expect 0 "" -- solve --method dominance "$tmp/pd.nfg"
field '.method' '"dominance"'
field '.result.eliminations' \
    '[{"round":1,"player":1,"strategy":"Cooperate","dominated_by":"Defect"},{"round":1,"player":2,"strategy":"Cooperate","dominated_by":"Defect"}]'
field '.result.surviving' '[["Defect"],["Defect"]]'
printf 'NFG 1 R "G" { "1" "2" } { 2 3 }\n1 0 0 3 1 2 0 1 0 1 2 0\n' >"$tmp/g.nfg"
expect 0 "" -- solve --method dominance "$tmp/g.nfg"
field '[.result.eliminations[] | [.round, .player, .strategy, .dominated_by]]' \
    '[[1,2,3,2],[2,1,2,1],[3,2,1,2]]'
field '.result.rounds' '3'
expect 0 "" -- solve --method dominance --format text "$tmp/g.nfg"
grep -qF 'round 3: player 2 "2": 1 is dominated by 2' "$tmp/out" && ok || bad "dominance text"

# Usage errors.
expect 2 "unknown method 'simplex'" -- solve --method simplex "$tmp/pd.nfg"
expect 2 "no input file" -- solve
expect 2 "unknown format" -- solve --format xml "$tmp/pd.nfg"
expect 2 "unknown input format" -- solve --input-format json "$tmp/pd.nfg"
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

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
