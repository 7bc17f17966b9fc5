#!/bin/bash
# Every two-player game of ../shared/data/games, rewritten from the
# matrices of known_answers.json into mechkit's JSON game form: enummixed
# on the JSON must find exactly the known equilibria (produced
# independently, see SOURCES.md), --format gambit must print them as NE
# lines, and --verify must confirm each with zero regret and the known
# payoffs. Exits 77 (skipped) when the shared data is absent.
set -uo pipefail
: "${MECHKIT:?}"
dir=${MECHKIT_SHARED_DATA:-}/games
answers=$dir/known_answers.json
[ -n "${MECHKIT_SHARED_DATA:-}" ] && [ -f "$answers" ] || { echo "no shared data: skipped"; exit 77; }
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"
for file in $(jq -r '.games | to_entries[] | select(.value.players | length == 2) | .key' "$answers"); do
    json=$tmp/${file%.nfg}.json
    jq --arg f "$file" '.games[$f] | {title, players, strategies: .strategy_labels,
        payoffs: [.payoff_matrix_player1, .payoff_matrix_player2]}' "$answers" >"$json"
    want=$(jq -c --arg f "$file" '.games[$f].equilibria | map({strategies, payoffs}) | sort' "$answers")
    got=$("$MECHKIT" solve --method enummixed "$json" | jq -c '.result.equilibria | map({strategies, payoffs}) | sort')
    [ "$got" = "$want" ] && ok || bad "enummixed $json: got $got, expected $want"
    want_ne=$(jq -r --arg f "$file" '.games[$f].equilibria[] | "NE," + (.strategies | flatten | join(","))' "$answers" | sort)
    got_ne=$("$MECHKIT" solve --method enummixed --format gambit "$json" | sort)
    [ "$got_ne" = "$want_ne" ] && ok || bad "gambit $json: got $got_ne, expected $want_ne"
    count=$(jq --arg f "$file" '.games[$f].equilibria | length' "$answers")
    for ((e = 0; e < count; e++)); do
        jq --arg f "$file" ".games[\$f].equilibria[$e]" "$answers" >"$tmp/eq.json"
        expect 0 "" -- solve --verify "@$tmp/eq.json" "$json"
        field_json '.result.nash' 'true'
        field_json '.result.payoffs' "$(jq -c '.payoffs' "$tmp/eq.json")"
    done
done
# Every pure profile of the Prisoner's Dilemma but (Defect, Defect) has a
# positive regret (SOURCES.md: the unique equilibrium).
for p in "1,0;1,0" "1,0;0,1" "0,1;1,0"; do
    expect 0 "" -- solve --verify "$p" "$dir/prisoners_dilemma.nfg"
    field_json '.result.nash' 'false'
done
[ "$passed" -ge 40 ] || bad "only $passed checks ran"
finish "formats known answers"
