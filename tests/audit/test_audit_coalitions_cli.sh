#!/bin/bash
# mechkit audit --max-coalition 3 and 4: bidding rings of three and four
# on a hand-made profile (values a 100, b 90, c 80, d 10), the JSON shape
# (size, by_size, every member's report and utility), the text report, the
# same bytes whatever --threads is, replay files, and a size too large.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

printf 'bidder,amount,value\na,100,100\nb,90,90\nc,80,80\nd,10,10\n' >"$tmp/ring.csv"

# Second price: the ring {a, b, c} (b and c bid nothing) lowers a's price
# from 90 to d's 10, a gain of 80 with side payments; no ring makes every
# member gain (the losers gain nothing).
expect 0 "" -- audit auction.second_price --max-coalition 3 "$tmp/ring.csv" \
    --save-counterexamples "$tmp/sp"
cp "$tmp/out" "$tmp/audit.json"
field .options.max_coalition 3
field .result.coalition.size 3
field .result.coalition.found false
field .result.coalition.search "local search"
field '[.result.coalition.by_size[] | .size] | join(",")' "2,3"
field '.result.coalition.by_size[0].search' exhaustive
field '.result.coalition.by_size[1].search' "local search"
field '[.result.coalition.by_size[] | .profitable] | join(",")' "0,0"
field '[.result.coalition.by_size[] | .with_side_payments.max_gain] | join(",")' "10,80"
field .result.coalition.with_side_payments.max_gain 80
field '.result.coalition.with_side_payments.worst.size' 3
field '[.result.coalition.with_side_payments.worst.members[] | .label] | join(",")' "a,b,c"
field '.result.coalition.with_side_payments.worst.deviating | keys | join(",")' "a,b,c"
field '.result.coalition.with_side_payments.worst.deviating.b.text' 0
field '.result.coalition.with_side_payments.worst.member_utility.a.deviating' 90
field '.result.coalition.with_side_payments.worst.deviating_outcome.payments.a' 10
field '.result.coalition.with_side_payments.worst.gain' 80
field '.result.coalition.with_side_payments.worst.partner.label' b

# The lie file replays to the audit's outcome.
lie=$(jq -r '.result.coalition.with_side_payments.worst.replay.lie.file' "$tmp/audit.json")
[ "$lie" = "$tmp/sp/collusion-lie.csv" ] && ok || bad "lie file is $lie"
expect 0 "" -- run auction.second_price "$lie"
a=$(jq -c '.result.coalition.with_side_payments.worst.deviating_outcome.payments' "$tmp/audit.json")
r=$(jq -c '.result.payments' "$tmp/out")
[ "$a" = "$r" ] && ok || bad "replayed payments $r, audit $a"

# All four: the price falls to 0.
expect 0 "" -- audit auction.second_price --max-coalition 4 "$tmp/ring.csv"
field '[.result.coalition.by_size[] | .with_side_payments.max_gain] | join(",")' "10,80,90"

# All-pay: losers who stop bidding all gain; the text report lists the
# members of the worst coalition.
printf 'bidder,amount,value\na,100,100\nb,90,90\nc,80,80\nd,10,10\ne,5,5\n' >"$tmp/allpay.csv"
expect 0 "" -- audit auction.all_pay --max-coalition 4 --format text "$tmp/allpay.csv"
grep -q "coalitions of 2 to 4" "$tmp/out" && ok || bad "text: title"
grep -q "size 3: every member gains in 1 of 1, largest total gain 260" "$tmp/out" && ok ||
    bad "text: size 3"
grep -q "participant 1 (a) with participant 2 (b), participant 3 (c) and participant 4 (d)" \
    "$tmp/out" && ok || bad "text: members: $(grep worst "$tmp/out")"
grep -q "utility of the 4 -180 truthful, 95 lying together: gain 275" "$tmp/out" && ok ||
    bad "text: gain: $(grep lying "$tmp/out")"

# The same bytes whatever --threads is (random starts come from each
# unit's own stream).
"$MECHKIT" audit auction.first_price --budget 40 --seed 4 --max-coalition 3 --threads 1 \
    >"$tmp/t1" &&
    "$MECHKIT" audit auction.first_price --budget 40 --seed 4 --max-coalition 3 --threads 2 \
        >"$tmp/t2" &&
    cmp -s "$tmp/t1" "$tmp/t2" && ok || bad "--threads changes the coalition report"
jq -e '.result.coalition.by_size[1].with_side_payments.profitable > 0' "$tmp/t1" >/dev/null &&
    ok || bad "first price: no ring of three found"

expect 2 "--max-coalition takes an integer from 0 to 4" -- audit auction.second_price \
    --max-coalition 5 "$tmp/ring.csv"
expect 0 "" -- audit --help
grep -q "largest coalition, 2 to 4" "$tmp/out" && ok || bad "help: --max-coalition"

finish "audit coalitions"
