#!/bin/bash
# mechkit solve --method enummixed|lcp on every two-player game of
# ../shared/data/games: enummixed must find exactly the equilibria of
# known_answers.json (all Nash equilibria, or all extreme ones for the
# degenerate game; produced independently with Python fractions, see its
# SOURCES.md), lcp a nonempty subset of them. Exits 77 (skipped) when the
# shared data is absent.
set -uo pipefail
: "${MECHKIT:?}"
dir=${MECHKIT_SHARED_DATA:-}/games
answers=$dir/known_answers.json
[ -n "${MECHKIT_SHARED_DATA:-}" ] && [ -f "$answers" ] || { echo "no shared data: skipped"; exit 77; }
failures=0 passed=0
for file in $(jq -r '.games | to_entries[] | select(.value.players | length == 2) | .key' "$answers"); do
    want=$(jq -c --arg f "$file" '.games[$f].equilibria | map({strategies, payoffs}) | sort' "$answers")
    got=$("$MECHKIT" solve --method enummixed "$dir/$file" |
        jq -c '.result.equilibria | map({strategies, payoffs}) | sort')
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: enummixed $file: got $got, expected $want"
        failures=$((failures + 1))
    fi
    # lcp: each equilibrium among the known ones, at least one, none twice.
    check=$("$MECHKIT" solve --method lcp "$dir/$file" |
        jq -c --argjson want "$want" '.result.equilibria | map({strategies, payoffs}) as $e
            | ($e | length) >= 1 and ($e | unique | length) == ($e | length)
              and all($e[]; . as $x | $want | index([$x]) != null)')
    if [ "$check" = "true" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: lcp $file: equilibria not a nonempty subset of the known ones"
        failures=$((failures + 1))
    fi
done
echo "$passed checks passed, $failures failed"
[ "$passed" -ge 18 ] && [ "$failures" -eq 0 ]
