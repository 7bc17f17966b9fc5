#!/bin/bash
# mechkit sim: the JSON lines and CSV outputs, the known behaviour of
# issue 7 through the command line (mw learners shade first-price bids to
# near v/2 and stay truthful in second-price; honest second-price bidders
# never regret), determinism, --output, and bad usage.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

expect 0 "" -- sim --help
grep -q "usage: mechkit sim NAME --agents SPEC" "$tmp/out" && ok || bad "sim --help"
expect 0 "" -- --help
grep -q "sim" "$tmp/out" && ok || bad "mechkit --help lists sim"

# The header line and one line per round.
expect 0 "" -- sim auction.second_price --agents honest:2,br,mw,adversarial --rounds 5 --seed 9
[ "$(wc -l <"$tmp/out")" -eq 6 ] && ok || bad "5 rounds give 6 lines"
head -n 1 "$tmp/out" >"$tmp/head.json"
tail -n 1 "$tmp/out" >"$tmp/last.json"
cp "$tmp/out" "$tmp/five.jsonl"
cp "$tmp/head.json" "$tmp/out"
field .command sim
field .mechanism auction.second_price
field .seed 9
field '.agents | join(",")' honest,honest,best_response,mw,adversarial
field .options.rounds 5
field .options.grid 20
field .params.values uniform:0:100
cp "$tmp/last.json" "$tmp/out"
field .round 5
field '.reports | length' 5
field '.regret | length' 5
field '.factor[0]' null
field '.factor[3] | type' string
field '.mean_regret | keys | join(",")' adversarial,best_response,honest,mw
# Revenue is the sum of payments and welfare the winner's value (types
# are whole units: -p scale is not given).
field '([.payments[] | tonumber] | add) == (.revenue | tonumber)' true
field '[range(0; 5) as $i | select(.allocation[$i] == 1) | .types[$i]][0] == .welfare' true

# Determinism: the same seed, the same bytes; another seed, other rounds.
expect 0 "" -- sim auction.second_price --agents honest:2,br,mw,adversarial --rounds 5 --seed 9
cmp -s "$tmp/out" "$tmp/five.jsonl" && ok || bad "same seed, different output"
expect 0 "" -- sim auction.second_price --agents honest:2,br,mw,adversarial --rounds 5 --seed 10
cmp -s "$tmp/out" "$tmp/five.jsonl" && bad "another seed, same output" || ok

# First-price, two mw learners, values uniform on [0, 100]: the
# equilibrium bid is v/2 (Krishna, "Auction Theory", 2010, sec. 2.3); the
# mean factor of the last 500 of 2,000 rounds is within 0.15 of 1/2.
expect 0 "" -- sim auction.first_price --agents mw:2 -p values=uniform:0:100 --rounds 2000 --seed 2
tail -n 500 "$tmp/out" | jq -s '[.[].factor[] | tonumber] | add / length' >"$tmp/mean"
awk '{ exit !($1 > 0.35 && $1 < 0.65) }' "$tmp/mean" && ok || bad "first-price mean factor $(cat "$tmp/mean")"
# ... and the bids themselves are below the values: ratio bid/value.
tail -n 500 "$tmp/out" |
    jq -s '[.[] | range(0; 2) as $i | select((.types[$i] | tonumber) > 0) |
            (.reports[$i] | tonumber) / (.types[$i] | tonumber)] | add / length' >"$tmp/ratio"
awk '{ exit !($1 > 0.3 && $1 < 0.65) }' "$tmp/ratio" && ok || bad "first-price bid ratio $(cat "$tmp/ratio")"

# Second-price: the learners bid their values (factor 1 in at least 95%
# of the last 500 rounds' plays), and their mean regret there is < 0.5.
expect 0 "" -- sim auction.second_price --agents mw:2 --rounds 2000 --seed 2
tail -n 500 "$tmp/out" | jq -s '[.[].factor[] | select(. == "1")] | length' >"$tmp/ones"
[ "$(cat "$tmp/ones")" -ge 950 ] && ok || bad "second-price truthful plays $(cat "$tmp/ones") of 1000"
tail -n 500 "$tmp/out" | jq -s '[.[].regret[] | tonumber] | add / length' >"$tmp/regret"
awk '{ exit !($1 < 0.5) }' "$tmp/regret" && ok || bad "second-price mw regret $(cat "$tmp/regret")"

# Fictitious play against an honest bidder in first-price: the best bid
# against bids uniform on [0, 100] is v/2; mean ratio within 0.08.
expect 0 "" -- sim auction.first_price --agents honest,fictitious --rounds 300 --seed 1
tail -n 200 "$tmp/out" |
    jq -s '[.[] | select((.types[1] | tonumber) > 0) |
            (.reports[1] | tonumber) / (.types[1] | tonumber)] | add / length' >"$tmp/ratio"
awk '{ exit !($1 > 0.42 && $1 < 0.58) }' "$tmp/ratio" && ok || bad "fictitious bid ratio $(cat "$tmp/ratio")"

# Honest bidders in second-price never regret; in first-price they do.
expect 0 "" -- sim auction.second_price --agents honest:3,mw --rounds 200 --seed 4
jq -s '[.[1:][] | .regret[0:3][] | tonumber] | max' "$tmp/out" >"$tmp/max"
[ "$(cat "$tmp/max")" = 0 ] && ok || bad "honest second-price regret $(cat "$tmp/max")"
expect 0 "" -- sim auction.first_price --agents honest:3,mw --rounds 200 --seed 4
jq -s '[.[1:][] | .regret[0:3][] | tonumber] | max' "$tmp/out" >"$tmp/max"
awk '{ exit !($1 > 0) }' "$tmp/max" && ok || bad "honest first-price regret $(cat "$tmp/max")"

# CSV: a header and one row per agent and round; amounts keep the scale.
expect 0 "" -- sim auction.first_price --agents honest,mw:2 --rounds 4 --format csv -p scale=2
head -n 1 "$tmp/out" | grep -qx 'round,agent,kind,type,report,factor,allocation,payment,utility,regret,revenue,welfare' &&
    ok || bad "CSV header: $(head -n 1 "$tmp/out")"
[ "$(wc -l <"$tmp/out")" -eq 13 ] && ok || bad "CSV rows: $(wc -l <"$tmp/out")"
grep -q '^4,3,mw,[0-9]*\.[0-9][0-9],[0-9]*\.[0-9][0-9],0\.[0-9]*,' "$tmp/out" && ok ||
    bad "CSV row of agent 3 in round 4: $(grep '^4,3,' "$tmp/out")"

# --output: the file appears complete.
expect 0 "" -- sim auction.first_price --agents mw:2 --rounds 3 --output "$tmp/sim.jsonl"
[ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/sim.jsonl")" -eq 4 ] && ok || bad "--output"

# Bad usage.
expect 2 "which agents?" -- sim auction.first_price
expect 2 "which mechanism?" -- sim --agents mw
expect 2 "did you mean 'honest'" -- sim auction.first_price --agents honets:2
expect 2 "group 2 is empty" -- sim auction.first_price --agents mw,
expect 2 "count '0'" -- sim auction.first_price --agents mw:0
expect 2 "--rounds takes" -- sim auction.first_price --agents mw --rounds 0
expect 2 "--grid takes" -- sim auction.first_price --agents mw --grid 0
expect 2 "--learning-rate takes" -- sim auction.first_price --agents mw --learning-rate -1
expect 2 "--learning-rate takes" -- sim auction.first_price --agents mw --learning-rate nan
expect 2 "unknown format 'text'" -- sim auction.first_price --agents mw --format text
expect 2 "sim reads no file" -- sim auction.first_price --agents mw bids.csv
expect 2 "did you mean 'reserve'" -- sim auction.first_price --agents mw -p reserv=3
expect 2 "unknown mechanism" -- sim auction.nosuch --agents mw
expect 2 "unknown option '--bogus'" -- sim auction.first_price --agents mw --bogus 1
[ ! -s "$tmp/out" ] && ok || bad "nothing is printed on bad usage"

# A population by shares: 40% honest and 60% mw of 5 agents is 2 and 3.
expect 0 "" -- sim auction.first_price --agents honest:40%,mw:60% --population 5 --rounds 2
head -1 "$tmp/out" >"$tmp/header"
[ "$(jq -c .agents "$tmp/header")" = '["honest","honest","mw","mw","mw"]' ] && ok ||
    bad "shares gave $(jq -c .agents "$tmp/header")"
expect 2 "need the population" -- sim auction.first_price --agents honest:40%,mw:60%
expect 2 "add up to" -- sim auction.first_price --agents honest:40%,mw:50% --population 4

# Elections: the outcome names the winners by candidate; agents have no
# allocation or payment of their own.
expect 0 "" -- sim voting.irv --agents honest:3,br:2 --rounds 3 --seed 2
tail -1 "$tmp/out" >"$tmp/last"
[ "$(jq -c '.allocation | unique' "$tmp/last")" = "[null]" ] && ok || bad "election allocation"
[ "$(jq '[.outcome[] | select(. == 1)] | length' "$tmp/last")" -ge 1 ] && ok || bad "no winner"
[ "$(jq '.outcome | length' "$tmp/last")" = 4 ] && ok || bad "4 candidates by default"
expect 0 "" -- sim voting.stv_meek -p seats=2 --agents br:3 --rounds 2 --format csv
[ "$(sed -n 2p "$tmp/out" | cut -d, -f7,8)" = "," ] && ok || bad "csv: $(sed -n 2p "$tmp/out")"

finish sim_cli
