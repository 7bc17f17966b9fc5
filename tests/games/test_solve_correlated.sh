#!/bin/bash
# mechkit solve --method correlated: Aumann's (1974) chicken through the
# command line (welfare 21/2 from 1/2, 1/4, 1/4; player 2's best is its
# pure equilibrium, 7), text output, and bad objectives.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

cat >"$tmp/chicken.nfg" <<'NFG'
NFG 1 R "Chicken (Aumann 1974)" { "Row" "Column" }
{ { "Dare" "Chicken" } { "Dare" "Chicken" } }

0 0 2 7 7 2 6 6
NFG

expect 0 "" -- solve --method correlated "$tmp/chicken.nfg"
field '.method' "correlated"
field '.result.objective' "welfare"
field '.result.value' "21/2"
field '.result.payoffs' '["21/4","21/4"]'
field '.result.distribution | length' "3"
field '[.result.distribution[] | select(.profile == ["Chicken","Chicken"]) | .probability]' '["1/2"]'
expect 0 "" -- solve --method correlated --objective 2 "$tmp/chicken.nfg"
field '.result.value' "7"
field '.result.distribution' '[{"profile":["Chicken","Dare"],"probability":"1"}]'
expect 0 "" -- solve --method correlated --format text "$tmp/chicken.nfg"
grep -q "maximising welfare: 21/2" "$tmp/out" && ok || bad "text: $(cat "$tmp/out")"
expect 2 "--objective" -- solve --method correlated --objective 0 "$tmp/chicken.nfg"
expect 2 "player 3 of 2" -- solve --method correlated --objective 3 "$tmp/chicken.nfg"

finish "solve correlated"
