#!/bin/bash
# voting.* on the command line: names in results, IRV rounds, the example
# where the rules disagree, parameters, and bad PrefLib input (exit 2 with
# file:line).
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
ex="$MECHKIT_SOURCE_DIR/examples"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# Every name of issue 5's contract is listed (and a run of each is below
# or in the cardinal, STV, quadratic and liquid tests).
expect 0 "" -- list
for r in plurality antiplurality borda approval score star bucklin majority_judgment copeland \
         llull minimax schulze ranked_pairs kemeny black nanson baldwin smith schwartz two_round \
         irv coombs stv_scottish stv_gregory stv_meek quadratic liquid condorcet; do
    grep -q "^voting\.$r " "$tmp/out" && ok || bad "list lacks voting.$r"
done
expect 0 "" -- run voting.antiplurality "$ex/rules_disagree.soc"
field '.result.winners | join(",")' "Carmen,Dave,Elijah" # no one ranks them last
field '.result.vetoes.Alisha' "37"

# examples/rules_disagree.soc: the COMAP "For All Practical Purposes"
# profile; plurality, Borda, IRV and Condorcet elect four different people.
f="$ex/rules_disagree.soc"
expect 0 "" -- run voting.plurality "$f"
field '.result.winners | join(",")' "Alisha"
field '.result.scores.Alisha' "18"
field '.result.ranking[0]' "Alisha"
expect 0 "" -- run voting.borda "$f"
field '.result.winners | join(",")' "Dave"
field '.result.scores.Elijah' "134"
field '.result.condorcet_winner' "Elijah"
expect 0 "" -- run voting.irv "$f"
field '.result.winners | join(",")' "Carmen"
field '.result.rounds | length' "4"
field '.result.rounds[0].eliminated' "Elijah"
field '.result.rounds[0].transfers.Boris' "4"
field '.result.rounds[0].transfers.Carmen' "2"
field '.result.rounds[3].tally.Carmen' "37"
field '.result.rounds[3].eliminated' "null"
expect 0 "" -- run voting.condorcet "$f"
field '.result.condorcet_winner' "Elijah"
field '.result.condorcet_loser' "Alisha"
field '.result.smith_set | join(",")' "Elijah"
field '.result.pairwise[4][0]' "37"
expect 0 "" -- run voting.schulze "$f"
field '.result.winners | join(",")' "Elijah"
expect 0 "" -- run voting.ranked_pairs "$f"
field '.result.winners | join(",")' "Elijah"
field '[.result.pairs[] | select(.locked)] | length' "10"
# Every majority is locked (no cycle), so the ranking is the one order that
# puts each locked winner above its loser.
field '.result.ranking | join(",")' "Elijah,Dave,Carmen,Boris,Alisha"
field '.result.ranking as $r | [.result.pairs[] | select(.locked)
       | (.winner as $w | $r | index($w)) < (.loser as $l | $r | index($l))] | all' "true"
expect 0 "" -- run voting.copeland -p alpha=1 "$f"
field '.result.scores.Elijah' "4"
expect 0 "" -- run voting.minimax -p measure=margins "$f"
field '.result.winners | join(",")' "Elijah"
expect 0 "" -- run voting.two_round "$f"
field '.result.winners | join(",")' "Boris"
field '.result.runoff.Boris' "37"
field '.result.runoff.Alisha' "18"
expect 0 "" -- run voting.baldwin "$f"
field '.result.winners | join(",")' "Elijah"
field '.result.rounds[0].eliminated | join(",")' "Alisha"
field '.result.rounds[1].scores.Dave' "99"
expect 0 "" -- run voting.nanson "$f"
field '.result.rounds[0].eliminated | join(",")' "Alisha,Boris,Carmen"
field '.result.winners | join(",")' "Elijah"
expect 0 "" -- run voting.black "$f"
field '.result.winners | join(",")' "Elijah"
expect 0 "" -- run voting.schwartz "$f"
field '.result.winners | join(",")' "Elijah"
expect 0 "" -- run voting.llull "$f"
field '.result.scores.Elijah' "4"
expect 0 "" -- run voting.irv --format text "$f"
grep -q "^round 1: Elijah eliminated" "$tmp/out" && ok || bad "IRV text table"
grep -q "^winners: Carmen" "$tmp/out" && ok || bad "IRV text winners"

# parameters
expect 2 "unknown parameter" -- run voting.irv -p overvot=recount "$f"
expect 2 "" -- run voting.minimax -p measure=median "$f"
expect 2 "alpha must be between 0 and 1" -- run voting.copeland -p alpha=1.5 "$f"

# Ties and variants the rules' descriptions name (profiles from a
# cross-check against reference implementations). A perfect tie of two:
# IRV's tie rule eliminates A and keeps B (chosen), Coombs stops with both
# and the ties rule chooses A; both list A and B as tied winners.
soc() { # soc NAME CANDIDATES LINES...: a PrefLib .soc file in $tmp, candidates A, B, ...
    local name=$1 m=$2 voters=0 letters=ABCDEFGHIJ
    shift 2
    for l in "$@"; do voters=$((voters + ${l%%:*})); done
    {
        printf '# DATA TYPE: soc\n# NUMBER ALTERNATIVES: %s\n' "$m"
        for ((j = 1; j <= m; j++)); do printf '# ALTERNATIVE NAME %s: %s\n' "$j" "${letters:j-1:1}"; done
        printf '# NUMBER VOTERS: %s\n# NUMBER UNIQUE ORDERS: %s\n' "$voters" "$#"
        printf '%s\n' "$@"
    } >"$tmp/$name"
}
soc tie2.soc 2 "1: 1,2" "1: 2,1"
expect 0 "" -- run voting.irv "$tmp/tie2.soc"
field '[.result.winners, .result.chosen] | tostring' '[["A","B"],"B"]'
expect 0 "" -- run voting.coombs "$tmp/tie2.soc"
field '[.result.winners, .result.chosen] | tostring' '[["A","B"],"A"]'
# Nanson: Borda A 2, B 3, C 1, average 2. strict drops C, then A and B tie;
# weak drops A and C too: B.
soc nanson.soc 3 "1: 1,2,3" "1: 2,3,1"
expect 0 "" -- run voting.nanson "$tmp/nanson.soc"
field '.result.winners | join(",")' "A,B"
expect 0 "" -- run voting.nanson -p variant=weak "$tmp/nanson.soc"
field '.result.winners | join(",")' "B"
# Black elects the Condorcet winner A though Borda puts B first: no
# ranking (the Borda order is not Black's), as for two-round.
soc black.soc 3 "3: 1,2,3" "2: 2,3,1"
expect 0 "" -- run voting.black "$tmp/black.soc"
field '[.result.winners, .result.ranking, .result.scores.B] | tostring' '[["A"],null,7]'
expect 0 "" -- run voting.two_round "$tmp/black.soc"
field '.result.ranking' "null"

# bad input: file and line in every message, exit status 2
bad_file() {
    printf '%b' "$2" >"$tmp/bad.toi"
    expect 2 "$1" -- run voting.irv "$tmp/bad.toi"
}
head='# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 3\n# NUMBER UNIQUE ORDERS: 1\n# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n'
bad_file "bad.toi:6: unknown candidate 3" "${head}3: 1,3\n"
bad_file "bad.toi:6: candidate 1 is ranked twice" "${head}3: 1,{2,1}\n"
bad_file "bad.toi: the counts add up to 2 voters but NUMBER VOTERS says 3" "${head}2: 1,2\n"
bad_file "bad.toi:6: expected ':' after the count" "${head}3 1,2\n"
bad_file "bad.toi:5: alternative 1 is named twice" "# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 3\n# NUMBER UNIQUE ORDERS: 1\n# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 1: b\n3: 1\n"
bad_file "no '# NUMBER ALTERNATIVES' line" ""
expect 2 "not csv" -- run voting.irv --input-format csv "$f"

finish test_voting_cli
