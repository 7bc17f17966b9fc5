#!/bin/bash
# funding.qf against the published examples of the pluralistic library
# (Gitcoin's linearQF, whose tests take them from the grants-stack API
# docs, "QF calculation example"): 18 contributions of 1, 4 or 9 USDC to
# three projects, amounts with 6 decimals. Ideal matches (sum of roots
# squared minus the total) 34, 54 and 162, 250 in all. The library's
# figures are reproduced to the unit with either square root: pool 100
# gives 13.6 / 21.6 / 64.8; pool 1000 pays 34 / 54 / 162 and leaves 750
# when the round is not saturated, and 136 / 216 / 648 when it is forced
# (scale_up); pool 10 gives 1.36 / 2.16 / 6.48. With a cap of half the
# pool of 100 the library pays 19.318181 / 30.681818 / 50 and leaves one
# unit undistributed (it rounds each down); mechkit gives that unit by
# largest remainder (19.318182: 50 x 34/88 = 19.3181818...), so the pool is
# paid exactly. One contribution per project: no match at all.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

{
    echo "contributor,project,amount"
    for line in 1:1 2:4 3:1 4:9; do echo "sender_${line%%:*},project_1,${line##*:}"; done
    for line in 1:1 2:1 3:1 4:1 5:1 6:1 7:4; do echo "sender_${line%%:*},project_2,${line##*:}"; done
    for line in 1:1 2:9 3:1 4:9 5:1 6:9 7:4; do echo "sender_${line%%:*},project_3,${line##*:}"; done
} >"$tmp/round.csv"

# matches ARGS... EXPECTED: the three matches and the unspent part.
matches() {
    local want=${*: -1}
    for sqrt in exact floor; do
        expect 0 "" -- run funding.qf -p scale=6 -p sqrt="$sqrt" "${@:1:$#-1}" "$tmp/round.csv"
        field '[.result.projects[].match] + [.result.unspent] | join(" ")' "$want"
    done
}

matches -p pool=100 "13.600000 21.600000 64.800000 0.000000"
matches -p pool=1000 -p below_pool=unspent "34.000000 54.000000 162.000000 750.000000"
matches -p pool=1000 "136.000000 216.000000 648.000000 0.000000"
matches -p pool=10 "1.360000 2.160000 6.480000 0.000000"
matches -p pool=100 -p cap=0.5 "19.318182 30.681818 50.000000 0.000000"
expect 0 "" -- run funding.qf -p scale=6 -p pool=100 "$tmp/round.csv"
field '[.result.projects[].ideal_match] | join(" ")' "34.000000 54.000000 162.000000"
field '[.result.projects[].contributors] | join(" ")' "4 7 7"

printf 'contributor,project,amount\nsender_1,project_1,0.0001\nsender_2,project_2,0.0002\n' \
    >"$tmp/single.csv"
expect 0 "" -- run funding.qf -p scale=6 -p pool=0.1 "$tmp/single.csv"
field '[.result.projects[].match] + [.result.unspent] | join(" ")' "0.000000 0.000000 0.100000"

finish "pluralistic examples"
