#!/bin/bash
# mechkit audit: the findings of issue 7 through the command line, the JSON
# contract (result.unilateral, .coalition, .sybil, .claims, .revenue), the
# same bytes whatever --threads is, text output, and bad usage and input.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

expect 0 "" -- audit --help
grep -q "usage: mechkit audit NAME" "$tmp/out" && ok || bad "audit --help"
expect 0 "" -- --help
grep -q "audit" "$tmp/out" && ok || bad "mechkit --help lists audit"

# Second-price (Vickrey 1961): no profitable lie over 2,000 profiles.
expect 0 "" -- audit auction.second_price --budget 2000 --seed 3 --max-coalition 0
field .command audit
field .mechanism auction.second_price
field .input null
field .seed 3
field .options.budget 2000
field .result.types sampled
field .result.unilateral.found false
field .result.unilateral.profiles 2000
field .result.unilateral.profitable 0
field .result.unilateral.max_gain 0
field .result.unilateral.search exhaustive
field .result.unilateral.worst null
field '.result.unilateral.share_ci | length' 2
field '[.result.claims[] | .holds] | all' true
field '[.result.claims[] | .claim] | join(",")' "dsic,ir,weak_budget_balance"
field .result.coalition.checked false
field '.result.coalition.reason | test("max-coalition")' true
field .result.sybil.checked false
jq -r '.result.coalition.reason, .result.sybil.reason' "$tmp/out" | grep -qi "not implemented" &&
    bad "reasons must say why a search did not run" || ok

# Coalitions of two: second-price is not collusion-proof with side
# payments (a bidding ring), and no pair gains without them.
expect 0 "" -- audit auction.second_price --budget 100
field .result.coalition.checked true
field .result.coalition.found false
field .result.coalition.with_side_payments.found true
field '.result.coalition.with_side_payments.worst.deviating | length' 2
field '.result.coalition.with_side_payments.worst.gain == .result.coalition.with_side_payments.max_gain' true
expect 0 "" -- audit auction.all_pay --budget 50 --format text
grep -q "profiles where both members gain  50 of 50" "$tmp/out" && ok || bad "text: all-pay pairs"
expect 2 "--max-coalition takes an integer from 0 to 4" -- audit auction.second_price --max-coalition 5

# First-price: truthful bidding is refuted; the lie shades the bid.
expect 0 "" -- audit auction.first_price -p values=uniform:0:100 -p scale=2 --participants 2 \
    --budget 400
field .result.unilateral.found true
field '.result.unilateral.profitable > 350' true
field '.result.unilateral.worst.deviating.cells[2] < .result.unilateral.worst.types[.result.unilateral.worst.who.label][2]' true
field '.result.unilateral.worst.gain == .result.unilateral.max_gain' true
field '.params.values' uniform:0:100
field .result.scale 2

# The same report, byte for byte, whatever the number of threads.
"$MECHKIT" audit auction.first_price --budget 120 --seed 9 --threads 1 >"$tmp/t1" &&
    "$MECHKIT" audit auction.first_price --budget 120 --seed 9 --threads 2 >"$tmp/t2" &&
    "$MECHKIT" audit auction.first_price --budget 120 --seed 9 --threads 0 >"$tmp/t0" &&
    cmp -s "$tmp/t1" "$tmp/t2" && cmp -s "$tmp/t1" "$tmp/t0" && ok ||
    bad "--threads changes the report"
"$MECHKIT" audit auction.first_price --budget 120 --seed 10 >"$tmp/t3"
cmp -s "$tmp/t1" "$tmp/t3" && bad "another seed gives the same report" || ok

# GSP on the example of Edelman, Ostrovsky and Schwarz (2007): with 200
# and 199 clicks and values 10, 4, 2, advertiser a gains 1592 - 1200.
printf 'bidder,amount,value\na,10,10\nb,4,4\nc,2,2\n' >"$tmp/eos.csv"
expect 0 "" -- audit auction.gsp -p ctr=200,199 "$tmp/eos.csv"
field .input.name "$tmp/eos.csv"
field '.input.sha256 | length' 64
field .result.types given
field .result.unilateral.found true
field .result.unilateral.max_gain 392
field .result.unilateral.worst.who.label a
field .result.unilateral.worst.truthful_utility 1200
field .result.unilateral.worst.deviating_utility 1592
field .result.unilateral.worst.deviating_outcome.allocation.a 2
field .result.unilateral.worst.truthful.a.text 10
# Reports without values are audited as types, and the output says so.
printf 'bidder,amount\na,10\nb,4\nc,2\n' | "$MECHKIT" audit auction.gsp -p ctr=200,199 - \
    >"$tmp/out" 2>"$tmp/err" && ok || bad "audit from stdin: $(cat "$tmp/err")"
field .result.types "from reports"
field .input.name "<stdin>"
field .result.unilateral.max_gain 392

# McAfee (1992): truthful, and the surplus it keeps is reported.
expect 0 "" -- audit auction.mcafee --participants 8 --budget 500 --max-coalition 0
field .result.unilateral.found false
field '.result.revenue.max | tonumber > 0' true
field '.result.revenue.negative_profiles' 0
field '[.result.claims[] | .holds] | all' true

# Sybil splits: multi-unit auctions define split; a truthful split does
# not pay. Single-item auctions say why there is no sybil search.
expect 0 "" -- audit auction.uniform_price -p units=3 --budget 200 --max-identities 4
field .result.sybil.checked true
field .result.sybil.found false
field '.result.sybil.by_identities | map(.identities) | join(",")' "2,3,4"
field .options.max_identities 4
expect 0 "" -- audit auction.second_price --budget 10
field .result.sybil.checked false
field '.result.sybil.reason | test("split")' true
expect 0 "" -- audit auction.uniform_price -p units=3 --budget 10 --max-identities 0
field .result.sybil.checked false
field '.result.sybil.reason | test("max-identities")' true
expect 2 "--max-identities takes an integer" -- audit auction.uniform_price --max-identities 17

# A readable report.
expect 0 "" -- audit auction.gsp -p ctr=200,199 --format text "$tmp/eos.csv"
grep -q "unilateral misreports (exhaustive search)" "$tmp/out" && ok || bad "text: search"
grep -q "gain 392" "$tmp/out" && ok || bad "text: gain"
grep -q "coalitions of two" "$tmp/out" && ok || bad "text: coalition"
grep -q "sybil splits: not checked" "$tmp/out" && ok || bad "text: sybil"

# Bad usage and bad input: exit 2 and a message.
expect 2 "which mechanism" -- audit
expect 2 "unknown mechanism" -- audit auction.second_prize
expect 2 "did you mean" -- audit auction.second_price -p reserv=3
expect 2 "--budget takes an integer" -- audit auction.second_price --budget 0
expect 2 "--threads takes an integer" -- audit auction.second_price --threads many
expect 2 "--participants takes an integer" -- audit auction.second_price --participants -1
expect 2 "--seed takes an integer" -- audit auction.second_price --seed 1e3
expect 2 "unknown option" -- audit auction.second_price --frobnicate
expect 2 "value is missing" -- audit auction.second_price --budget
expect 2 "unexpected argument" -- audit auction.second_price a.csv b.csv
expect 2 "cannot open" -- audit auction.second_price "$tmp/missing.csv"
: >"$tmp/empty.csv"
expect 2 "" -- audit auction.second_price "$tmp/empty.csv"
expect 2 "unknown format" -- audit auction.second_price --format yaml

# A collective mechanism: outcomes name the candidates, not participants.
# Plurality on the COMAP profile (examples/rules_disagree.soc): a bloc of
# identical ballots can move the win, so a profitable lie is found.
expect 0 "" -- audit voting.plurality "${MECHKIT_SOURCE_DIR:?}/examples/rules_disagree.soc"
field '.result.unilateral.found' "true"
field '.result.unilateral.worst.truthful_outcome.allocation | keys' \
    '["Alisha","Boris","Carmen","Dave","Elijah"]'
field '.result.unilateral.worst.truthful_outcome.allocation.Alisha' "1"
expect 0 "" -- audit voting.plurality --format text "$MECHKIT_SOURCE_DIR/examples/rules_disagree.soc"
grep -q "outcome, truthful: Alisha=1" "$tmp/out" && ok || bad "collective text: $(cat "$tmp/out")"

# Efficiency: welfare (utilities plus revenue) against the efficient
# allocation's. Second price gives the item to the highest value: no loss,
# mean share exactly 1. Myerson's reserve (50 for uniform values on
# [0, 100]) keeps the item when every value is below it: the worst profile
# loses all its welfare. McAfee's trade reduction gives up the last
# efficient trade; the k-double auction claims efficiency and keeps it.
expect 0 "" -- audit auction.second_price --budget 200
field '.result.efficiency.checked' "true"
field '.result.efficiency.inefficient' "0"
field '.result.efficiency.mean' "1"
expect 0 "" -- audit auction.myerson --budget 200
field '.result.efficiency.inefficient > 0' "true"
field '.result.efficiency.worst.welfare' "0"
field '.result.efficiency.worst.best_welfare == .result.efficiency.max_loss' "true"
field '[.result.efficiency.worst.types[][2]] | max < 50' "true"
expect 0 "" -- audit auction.mcafee --budget 100 --participants 6
field '.result.efficiency.inefficient > 0' "true"
field '[.result.claims[] | select(.claim == "efficient")] | length' "0"
expect 0 "" -- audit auction.k_double --budget 100 --participants 6
field '.result.efficiency.inefficient' "0"
field '.result.claims[] | select(.claim == "efficient") | .holds' "true"
expect 0 "" -- audit auction.vcg_positions -p ctr=0.5,0.3 --budget 100
field '.result.claims[] | select(.claim == "efficient") | .holds' "true"
expect 0 "" -- audit voting.plurality --budget 3
field '.result.efficiency.checked' "false"

finish "audit cli"
