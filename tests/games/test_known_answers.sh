#!/bin/bash
# mechkit solve --method pure on every game of ../shared/data/games: the
# pure equilibria (profiles and payoffs) must be exactly the pure ones of
# known_answers.json (produced independently, see its SOURCES.md).
# Exits 77 (skipped) when the shared data is absent.
set -uo pipefail
: "${MECHKIT:?}"
dir=${MECHKIT_SHARED_DATA:-}/games
answers=$dir/known_answers.json
[ -n "${MECHKIT_SHARED_DATA:-}" ] && [ -f "$answers" ] || { echo "no shared data: skipped"; exit 77; }
failures=0 passed=0
# A pure equilibrium of the answers: each player's probabilities are 0s and one 1.
pure='[.equilibria[] | select(all(.strategies[]; (map(select(. == "1")) | length) == 1
        and all(.[]; . == "0" or . == "1")))
      | {profile: [.strategies[] | index("1") + 1], payoffs}]'
for file in $(jq -r '.games | keys[]' "$answers"); do
    want=$(jq -c --arg f "$file" ".games[\$f] | $pure | sort" "$answers")
    got=$("$MECHKIT" solve --method pure "$dir/$file" |
        jq -c '[.result.equilibria[] | {profile, payoffs}] | sort')
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $file: got $got, expected $want"
        failures=$((failures + 1))
    fi
done
echo "$passed games passed, $failures failed"
[ "$passed" -ge 10 ] && [ "$failures" -eq 0 ]
