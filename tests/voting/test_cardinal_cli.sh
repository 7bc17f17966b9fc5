#!/bin/bash
# The score-ballot rules, quadratic and liquid voting and ranked pairs'
# winners over every tie order on the command line: the examples, the
# parameters, and bad input (exit 2, the file, line and column named).
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
ex="$MECHKIT_SOURCE_DIR/examples"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

expect 0 "" -- list
cp "$tmp/out" "$tmp/list"
for r in approval score star majority_judgment quadratic liquid; do
    grep -q "^voting\.$r " "$tmp/list" && ok || bad "list lacks voting.$r"
    expect 0 "" -- describe "voting.$r"
done

# examples/approval_ballots.csv: Bo 24 approvals (12 + 9 + 3).
expect 0 "" -- run voting.approval "$ex/approval_ballots.csv"
field '.result.winners | join(",")' "Bo"
field '.result.scores.Ann' "17"
# examples/star_ballots.csv: Ben has the most stars, Abby wins the runoff.
expect 0 "" -- run voting.score "$ex/star_ballots.csv"
field '.result.winners | join(",")' "Ben"
expect 0 "" -- run voting.star "$ex/star_ballots.csv"
field '.result.winners | join(",")' "Abby"
field '.result.finalists | join(",")' "Ben,Abby"
field '.result.runoff.Abby' "7"
field '.result.condorcet_winner' "Abby"
expect 0 "" -- run voting.star --format text "$ex/star_ballots.csv"
grep -q "^runoff: Ben 6, Abby 7, no preference 0" "$tmp/out" && ok || bad "STAR text runoff"
expect 0 "" -- run voting.majority_judgment "$ex/star_ballots.csv"
field '.result.majority_grades.Abby' "5"
field '.result.winners | join(",")' "Abby"
expect 0 "" -- run voting.score -p max=10 "$ex/star_ballots.csv"
field '.result.scores.Ben' "58"

# quadratic: examples/quadratic_votes.csv (Library 6 + 10 + 4 votes)
expect 0 "" -- run voting.quadratic "$ex/quadratic_votes.csv"
field '.result.winners | join(",")' "Library"
field '.result.votes.Library' "20"
field '.result.wasted_credits' "7"
expect 2 "voter ana spends 100 credits, over the budget of 99" -- \
    run voting.quadratic -p budget=99 "$ex/quadratic_votes.csv"
# only cai (94 credits) keeps a ballot: Pool 7, Park 5, Library 4
expect 0 "" -- run voting.quadratic -p budget=99 -p over_budget=void "$ex/quadratic_votes.csv"
field '.result.voided | join(",")' "ana,ben,dee"
field '.result.winners | join(",")' "Pool"

# liquid: examples/liquid_delegations.csv
expect 0 "" -- run voting.liquid "$ex/liquid_delegations.csv"
field '.result.winners | join(",")' "Park"
field '.result.weights.ada' "4"
field '.result.lost.cycles' "3"
expect 2 "delegations loop: fay -> gus -> fay" -- \
    run voting.liquid -p cycles=error "$ex/liquid_delegations.csv"
expect 0 "" -- run voting.liquid --format text "$ex/liquid_delegations.csv"
grep -q "^lost in cycles: 3, lost to abstainers: 1" "$tmp/out" && ok || bad "liquid text"

# ranked pairs: a Condorcet cycle of equal margins, every candidate wins
# under some order
printf '%b' '# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 3\n# NUMBER UNIQUE ORDERS: 3\n# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n# ALTERNATIVE NAME 3: c\n1: 1,2,3\n1: 2,3,1\n1: 3,1,2\n' >"$tmp/cycle.soc"
expect 0 "" -- run voting.ranked_pairs "$tmp/cycle.soc"
field '.result.all_tie_order_winners | join(",")' "a,b,c"
field '.result.all_tie_order_search.status' "complete"
expect 0 "" -- run voting.ranked_pairs -p tie_orders_limit=1 "$tmp/cycle.soc"
field '.result.all_tie_order_winners' "null"
expect 0 "" -- run voting.ranked_pairs -p tie_orders_limit=1 --format text "$tmp/cycle.soc"
grep -q "search stopped after 1 states (raise -p tie_orders_limit)" "$tmp/out" && ok ||
    bad "ranked pairs text on the limit"

# bad input
bad_csv() {
    local rule=$1 pattern=$2 body=$3
    shift 3
    printf '%b' "$body" >"$tmp/bad.csv"
    expect 2 "$pattern" -- run "$rule" "$@" "$tmp/bad.csv"
}
bad_csv voting.star "bad.csv:3: column 2 ('B'): expected an integer score, not 'five'" 'A,B\n1,2\n3,five\n'
bad_csv voting.star "bad.csv:2: column 1 ('A'): the score must be in 0..5, not '6'" 'A,B\n6,2\n'
bad_csv voting.approval "bad.csv:2: column 2 ('B'): the score must be in 0..1, not '2'" 'A,B\n1,2\n'
bad_csv voting.score "bad.csv:2: 3 cells, but the header has 2 columns" 'A,B\n1,2,3\n'
bad_csv voting.majority_judgment "bad.csv:1: column 2: 'A' is named twice" 'A,A\n1,2\n'
bad_csv voting.score "a blank score (blank=error)" 'A,B\n1,\n' -p blank=error
bad_csv voting.score "min (5) must be below max (5)" 'A,B\n1,2\n' -p min=5
bad_csv voting.quadratic "bad.csv:3: voter 'a' already gave candidate 'X' on line 2" \
    'voter,candidate,votes\na,X,1\na,X,2\n'
bad_csv voting.quadratic "bad.csv:2: column 3 ('votes'): a negative amount needs -p negative=yes" \
    'voter,candidate,votes\na,X,-1\n'
bad_csv voting.liquid "bad.csv:3: column 2 ('delegate'): 'zed' is not a voter of the file" \
    'voter,delegate,vote\na,,X\nb,zed,\n'
bad_csv voting.liquid "bad.csv:3: voter 'a' is listed twice" 'voter,delegate,vote\na,,X\na,,Y\n'
expect 2 "not soc" -- run voting.star --input-format soc "$ex/star_ballots.csv"

finish test_cardinal_cli
