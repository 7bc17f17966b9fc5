#!/bin/bash
# mechkit audit --save-counterexamples: every counterexample is written as
# an input file of the mechanism's own format, and `mechkit run` on the
# deviating file gives the very outcome the audit reports (issue 7: "each
# replayable with mechkit run"). Auctions (a first-price shading, a
# multi-unit sybil split), quadratic funding (a sybil split) and an
# election (a bloc voting for its second choice).
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# same JQ_AUDIT JQ_RUN: the audit's value (in $tmp/audit.json) equals the
# run's (in $tmp/out).
same() {
    local a r
    a=$(jq -c "$1" "$tmp/audit.json")
    r=$(jq -c "$2" "$tmp/out")
    [ "$a" = "$r" ] && [ "$a" != null ] && ok || bad "audit $1 is $a but the replay's $2 is $r"
}

# First price, sampled: the worst lie shades a bid; its file replays to the
# same allocation, payments and utility of the liar.
expect 0 "" -- audit auction.first_price --budget 40 --seed 3 --save-counterexamples "$tmp/fp"
cp "$tmp/out" "$tmp/audit.json"
field '.result.unilateral.found' "true"
lie=$(jq -r '.result.unilateral.worst.replay.lie.file' "$tmp/audit.json")
[ "$lie" = "$tmp/fp/unilateral-lie.csv" ] && ok || bad "lie file is $lie"
command=$(jq -r '.result.unilateral.worst.replay.lie.command' "$tmp/audit.json")
[ "$command" = "mechkit run auction.first_price --seed 3 $lie" ] && ok || bad "command $command"
expect 0 "" -- run auction.first_price --seed 3 "$lie"
same '.result.unilateral.worst.deviating_outcome.allocation' '.result.allocation'
same '.result.unilateral.worst.deviating_outcome.payments' '.result.payments'
who=$(jq -r '.result.unilateral.worst.who.label' "$tmp/audit.json")
same '.result.unilateral.worst.deviating_utility' ".result.utility[\"$who\"]"
expect 0 "" -- run auction.first_price --seed 3 "$tmp/fp/unilateral-truthful.csv"
same '.result.unilateral.worst.truthful_outcome.payments' '.result.payments'
same '.result.unilateral.worst.truthful_utility' ".result.utility[\"$who\"]"
[ -f "$tmp/fp/revenue-low-truthful.csv" ] && ok || bad "no revenue-low file"
[ ! -e "$tmp/fp/sybil-lie.csv" ] && ok || bad "a sybil file without a sybil search"

# Text output shows the replay commands.
expect 0 "" -- audit auction.first_price --budget 10 --save-counterexamples "$tmp/fp2" \
    --format text
grep -qF "replay the lie : mechkit run auction.first_price $tmp/fp2/unilateral-lie.csv" \
    "$tmp/out" && ok || bad "text report lacks the replay command: $(cat "$tmp/out")"

# Multi-unit, uniform price: a bidder for two units (two rows of the file)
# gains by demand reduction; the file replays it.
printf 'bidder,amount,value\na,10,10\na,10,10\nb,8,8\nc,2,2\n' >"$tmp/units.csv"
expect 0 "" -- audit auction.uniform_price -p units=2 "$tmp/units.csv" \
    --save-counterexamples "$tmp/mu"
cp "$tmp/out" "$tmp/audit.json"
field '.result.unilateral.found' "true"
field '.result.unilateral.max_gain' "4"
expect 0 "" -- run auction.uniform_price -p units=2 "$tmp/mu/unilateral-lie.csv"
same '.result.unilateral.worst.deviating_outcome.payments' '.result.payments'
same '.result.unilateral.worst.deviating_outcome.allocation' '.result.allocation'
same '.result.unilateral.worst.deviating_utility' '.result.utility.a'

# Quadratic funding: the sybil split's file names the identities and
# replays to the same match for every project.
cat >"$tmp/round.csv" <<'CSV'
contributor,project,amount
"ann, jr.",garden,9
bob,garden,1
bob,"the ""docs""",4
cy,"the ""docs""",16
CSV
expect 0 "" -- audit funding.qf -p pool=100 "$tmp/round.csv" --save-counterexamples "$tmp/qf"
cp "$tmp/out" "$tmp/audit.json"
field '.result.sybil.found' "true"
expect 0 "" -- run funding.qf -p pool=100 "$tmp/qf/sybil-truthful.csv"
cp "$tmp/out" "$tmp/truthful.json"
expect 0 "" -- run funding.qf -p pool=100 "$tmp/round.csv"
jq -c '.result.projects' "$tmp/out" >"$tmp/a"
jq -c '.result.projects' "$tmp/truthful.json" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" && ok || bad "the truthful file does not replay the round"
expect 0 "" -- run funding.qf -p pool=100 "$tmp/qf/sybil-lie.csv"
field '[.result.projects[].total]' '["10","20"]'
jq -c '.result.projects' "$tmp/out" >"$tmp/c"
cmp -s "$tmp/a" "$tmp/c" && bad "the split changes no match" || ok
grep -qF '#2' "$tmp/qf/sybil-lie.csv" && ok || bad "no identity row in $(cat "$tmp/qf/sybil-lie.csv")"
grep -qF '"ann, jr."' "$tmp/qf/sybil-truthful.csv" && ok || bad "a label was not quoted"

# Sampled candidates go on by local improvement: on this round the worst
# lie is found in a local round (numbered after the first pass's 256
# candidates), and its file still replays to the very outcome reported.
expect 0 "" -- audit funding.qf -p pool=1000 "$MECHKIT_SOURCE_DIR/examples/contributions.csv" \
    --save-counterexamples "$tmp/local"
cp "$tmp/out" "$tmp/audit.json"
field '.result.unilateral.search' "sampled, then local improvement"
field '.result.unilateral.worst.candidate > 256' "true"
expect 0 "" -- run funding.qf -p pool=1000 "$tmp/local/unilateral-lie.csv"
same '.result.unilateral.worst.deviating_outcome.revenue | tonumber' \
    '[.result.projects[].total | tonumber] | add'

# An election: the plurality bloc voting for its second choice; the
# PrefLib file elects the audit's winner.
printf '%s\n' '# TITLE: t' '# DATA TYPE: soc' '# NUMBER ALTERNATIVES: 3' '# NUMBER VOTERS: 9' \
    '# NUMBER UNIQUE ORDERS: 3' '# ALTERNATIVE NAME 1: A' '# ALTERNATIVE NAME 2: B' \
    '# ALTERNATIVE NAME 3: C' '4: 1,2,3' '3: 2,3,1' '2: 3,2,1' >"$tmp/e.soc"
expect 0 "" -- audit voting.plurality "$tmp/e.soc" --save-counterexamples "$tmp/v"
cp "$tmp/out" "$tmp/audit.json"
field '.result.unilateral.found' "true"
lie=$(jq -r '.result.unilateral.worst.replay.lie.file' "$tmp/audit.json")
expect 0 "" -- run voting.plurality "$lie"
winner=$(jq -r '.result.unilateral.worst.deviating_outcome.allocation | to_entries[]
                | select(.value == 1) | .key' "$tmp/audit.json")
field '.result.winners' "[\"$winner\"]"
[ "$winner" = C ] && ok || bad "the bloc's lie elects $winner"

# A directory that cannot be made is an error with a message.
expect 2 "cannot create" -- audit auction.first_price --budget 2 \
    --save-counterexamples "$tmp/no/such/dir"

finish test_audit_replay
