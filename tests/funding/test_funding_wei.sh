#!/bin/bash
# Rounds in wei past int64 (mechkit/funding.h: two-limb amounts, 128-bit
# pools and totals), exact to the wei.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# alice gives 3100000007^2 wei (9.61 ETH, past 2^63-1 wei with all 18
# places significant), bob 4000000003^2 wei. With perfect squares the ideal
# match is exact: (sqrt c1 + sqrt c2)^2 - c1 - c2 = 2 * 3100000007 *
# 4000000003 = 24800000074600000042 wei; a pool of 100 ETH (10^20 wei,
# itself past int64) pays it as is with below_pool=unspent.
cat >"$tmp/wei.csv" <<'CSV'
contributor,project,amount
alice,p,9.610000043400000049
bob,p,16.000000024000000009
CSV
expect 0 "" -- run funding.qf -p pool=100 -p below_pool=unspent "$tmp/wei.csv"
field .result.scale 18
field '.result.projects[0].total' 25.610000067400000058
field '.result.projects[0].match' 24.800000074600000042
field '.result.projects[0].ideal_match' 24.800000074600000042
field .result.unspent 75.199999925399999958

# carol and dave give q one wei each: ideal 2 wei. Scaled to a pool of
# 1000 ETH = 10^21 wei, p's share is 10^21 * I_p / (I_p + 2), floor
# 999999999999999999919 wei, q's 80 wei; the unit left goes to the larger
# remainder (q's: 15999994031999996480 against 8800006042600003564 over
# I_p + 2), so the matches add up to the pool exactly.
printf 'carol,q,0.000000000000000001\ndave,q,0.000000000000000001\n' >>"$tmp/wei.csv"
expect 0 "" -- run funding.qf -p pool=1000 "$tmp/wei.csv"
field '.result.projects[0].match' 999.999999999999999919
field '.result.projects[1].match' 0.000000000000000081
field .result.matched 1000.000000000000000000
field .result.unspent 0.000000000000000000

# The same round as JSON, and the text table.
jq -Rn '{contributions: [inputs | split(",") | select(.[0] != "contributor")
         | {contributor: .[0], project: .[1], amount: .[2]}]}' "$tmp/wei.csv" >"$tmp/wei.json"
expect 0 "" -- run funding.qf -p pool=1000 "$tmp/wei.json"
field '.result.projects[0].match' 999.999999999999999919
expect 0 "" -- run funding.qf -p pool=1000 --format text "$tmp/wei.csv"
grep -q "25.610000067400000058  999.999999999999999919" "$tmp/out" && ok ||
    bad "text table: $(cat "$tmp/out")"

# The variants take two-limb rounds too, and pay the whole pool (erin,
# who funds both projects, gives COCM a match to pay).
printf 'erin,p,2.000000000000000001\nerin,q,1.5\n' >>"$tmp/wei.csv"
for rule in "qf_pairwise -p M=0.5" "qf_pairwise -p M=0.5 -p arithmetic=binary64" cocm; do
    # shellcheck disable=SC2086 # the rule's words are its parameters
    expect 0 "" -- run funding.$rule -p pool=1000 "$tmp/wei.csv"
    field .result.matched 1000.000000000000000000
done

# The audit works in 64-bit units and says so; so does funding.assurance.
expect 2 "pass 64 bits" -- audit funding.qf -p pool=1000 "$tmp/wei.csv"
expect 2 "not supported" -- run funding.assurance -p threshold=1 "$tmp/wei.csv"

# Past 2^128 - 1 wei in one amount, and the pool.
printf 'contributor,project,amount\na,p,340282366920938463463.374607431768211456\n' >"$tmp/big.csv"
expect 2 "line 2: field 'amount': too large" -- run funding.qf -p pool=1 "$tmp/big.csv"
expect 2 "parameter 'pool'" -- run funding.qf -p pool=340282366920938463464 "$tmp/wei.csv"

finish "funding wei"
