#!/bin/bash
# mechkit solve: the JSON game form (read by extension, by --input-format
# and by its first byte on stdin), --format gambit, --verify, and the
# dominance options; bad input exits 2 with the place of the fault.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"
pd=$MECHKIT_SOURCE_DIR/examples/prisoners_dilemma.json
mixed=$MECHKIT_SOURCE_DIR/examples/mixed_dominance.json

# The Prisoner's Dilemma in JSON: unique (Defect, Defect).
expect 0 "" -- solve "$pd"
field_json '.result.equilibria[0].profile' '["Defect","Defect"]'
field_json '.result.equilibria[0].payoffs' '["1","1"]'
field_json '.game.players' '["Row","Column"]'
# The same game on stdin (JSON told by its first byte), and as .nfg.
"$MECHKIT" solve - <"$pd" >"$tmp/out" 2>"$tmp/err" && ok || bad "stdin: $(cat "$tmp/err")"
field_json '.result.equilibria[0].profile' '["Defect","Defect"]'
cp "$pd" "$tmp/pd.txt"
expect 0 "" -- solve --input-format json "$tmp/pd.txt"
field_json '.result.count' '1'
expect 2 "prisoners_dilemma.json:1:1: expected 'NFG'" -- solve --input-format nfg "$pd"

# --format gambit: NE lines, as Gambit's command-line tools print them.
printf 'NFG 1 R "BoS" { "1" "2" } { 2 2 }\n2 1 0 0 0 0 1 2\n' >"$tmp/bos.nfg"
expect 0 "" -- solve --method enummixed --format gambit "$tmp/bos.nfg"
[ "$(sort "$tmp/out")" = "$(printf 'NE,0,1,0,1\nNE,1,0,1,0\nNE,2/3,1/3,1/3,2/3')" ] && ok ||
    bad "gambit enummixed: $(cat "$tmp/out")"
expect 0 "" -- solve --method pure --format gambit "$tmp/bos.nfg"
[ "$(cat "$tmp/out")" = "$(printf 'NE,1,0,1,0\nNE,0,1,0,1')" ] && ok || bad "gambit pure: $(cat "$tmp/out")"
expect 0 "" -- solve --method lcp --format gambit "$tmp/bos.nfg"
grep -qx 'NE,1,0,1,0' "$tmp/out" && ok || bad "gambit lcp: $(cat "$tmp/out")"
expect 2 "--format gambit prints equilibria" -- solve --method dominance --format gambit "$tmp/bos.nfg"
expect 2 "not --verify" -- solve --verify "1,0;1,0" --format gambit "$tmp/bos.nfg"

# --verify: regrets, by probabilities, names or numbers.
expect 0 "" -- solve --verify "Defect;Defect" "$pd"
field_json '.method' '"verify"'
field_json '.result.nash' 'true'
field_json '.result.regret' '["0","0"]'
expect 0 "" -- solve --verify "1,0;Defect" "$pd"
field_json '.result.nash' 'false'
field_json '.result.payoffs' '["0","5"]'
field_json '.result.best_reply' '["Defect","Defect"]'
field_json '.result.best_reply_payoff' '["1","5"]'
field_json '.result.regret' '["1","0"]'
expect 0 "" -- solve --verify "2/3,1/3;0.5,0.5" "$tmp/bos.nfg"
# u1(Opera) = 2 * 1/2 = 1, u1(Football) = 1/2, u1 = 2/3 + 1/6 = 5/6;
# player 2 is indifferent: 1 * 2/3 = 2 * 1/3.
field_json '.result.payoffs' '["5/6","2/3"]'
field_json '.result.regret' '["1/6","0"]'
field_json '.result.best_reply' '[1,1]'
expect 0 "" -- solve --verify "2;2" --format text "$tmp/bos.nfg"
grep -q "^a Nash equilibrium" "$tmp/out" && ok || bad "verify text: $(cat "$tmp/out")"
# A profile from a file: what solve printed, fed back.
"$MECHKIT" solve --method enummixed "$tmp/bos.nfg" | jq '.result.equilibria[2]' >"$tmp/eq.json"
expect 0 "" -- solve --verify "@$tmp/eq.json" "$tmp/bos.nfg"
field_json '.result.nash' 'true'
field_json '.result.payoffs' '["2/3","2/3"]'
echo '[["1/3","2/3"],[1,0]]' >"$tmp/p.json"
expect 0 "" -- solve --verify "@$tmp/p.json" "$tmp/bos.nfg"
# u1 = 2 * 1/3 against Opera's 2; u2 = 1/3 against Football's 2 * 2/3.
field_json '.result.regret' '["4/3","1"]'
expect 2 "--verify: 1 players' strategies (split by ';') for a game of 2 players" -- \
    solve --verify "1,0" "$pd"
expect 2 "--verify: player 2: 3 probabilities for 2 strategies" -- solve --verify "1,0;1,0,0" "$pd"
expect 2 "--verify: player 1: 'Wait' is no strategy" -- solve --verify "Wait;1,0" "$pd"
expect 2 "--verify: player 2: the probabilities sum to 3/2, not 1" -- solve --verify "1,0;1,1/2" "$pd"
expect 2 "--verify: player 1, strategy 2: probability -1 < 0" -- solve --verify "2,-1;1,0" "$pd"
expect 2 "--verify: player 1, strategy 1: 'x' is not a probability" -- solve --verify "x,1;1,0" "$pd"
expect 2 "--verify: $tmp/missing.json: line -1" -- solve --verify "@$tmp/missing.json" "$pd"
echo '{"strategies": [["1"]]}' >"$tmp/q.json"
expect 2 "expected a list of 2 lists of probabilities" -- solve --verify "@$tmp/q.json" "$pd"

# Dominance: by a mixture (Middle beaten by 1/2 Top + 1/2 Bottom only).
expect 0 "" -- solve --method dominance "$mixed"
field_json '.result.eliminations' '[]'
expect 0 "" -- solve --method dominance -p by=mixed "$mixed"
field_json '.result.dominance' '"strict, by mixed strategies"'
field_json '.result.eliminations' '[{"round":1,"player":1,"strategy":"Middle","dominated_by":["1/2","0","1/2"]}]'
field_json '.result.surviving' '[["Top","Bottom"],["Left","Right"]]'
expect 0 "" -- solve --method dominance -p by=mixed --format text "$mixed"
grep -qF 'round 1: player 1 "Row": Middle is dominated by 1/2 Top + 1/2 Bottom' "$tmp/out" && ok ||
    bad "mixed dominance text: $(cat "$tmp/out")"
# Weak dominance, in mechkit's order (every weakly dominated strategy of
# every player at once per round; see mechkit solve --help).
cat >"$tmp/weak.json" <<'JSON'
{"strategies": [["T", "M", "B"], ["L", "R"]],
 "payoffs": [[[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]]]}
JSON
expect 0 "" -- solve --method dominance -p dominance=weak "$tmp/weak.json"
field_json '.result.dominance' '"weak, by pure strategies"'
field_json '[.result.eliminations[] | [.round, .strategy, .dominated_by]]' '[[1,"T","M"],[1,"B","M"]]'
field_json '.result.surviving' '[["M"],["L","R"]]'
expect 2 "unknown parameter 'dominance=very'" -- solve --method dominance -p dominance=very "$pd"
expect 2 "-p dominance= and -p by= go with --method dominance" -- solve -p by=mixed "$pd"

# Bad JSON games: exit 2 with the path of the value at fault.
bad_json() {
    local name=$1 pattern=$2
    printf '%s' "$3" >"$tmp/$name.json"
    expect 2 "$tmp/$name.json: $pattern" -- solve "$tmp/$name.json"
}
bad_json count "payoffs[2]: wrong number of payoffs: expected 4" \
    '{"strategies": [2, 2], "payoffs": [[1, 2, 3, 4], [1, 2, 3]]}'
bad_json zero "strategies[1]: player 1 has 0 strategies" '{"strategies": [0, 2], "payoffs": [[], []]}'
bad_json overflow "strategies[3]: the strategy counts multiply to more profiles than can be counted" \
    '{"strategies": [4294967296, 2, 4294967296], "payoffs": [[], [], []]}'
bad_json number "payoffs[1][2][1]: '1.2.3' is not an exact number" \
    '{"strategies": [2, 1], "payoffs": [[[1], ["1.2.3"]], [[0], [0]]]}'
bad_json real "payoffs[1][1]: 0.5 is a JSON number with a fraction" \
    '{"strategies": [1, 1], "payoffs": [[0.5], [1]]}'
bad_json syntax "line 1, column 16: " '{"strategies": }'
bad_json empty "line 1, column 0: " ''

finish "solve formats"
