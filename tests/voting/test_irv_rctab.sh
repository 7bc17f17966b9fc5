#!/bin/bash
# voting.irv on cast-vote-record CSVs with RCTab's tabulation options. Each
# file below is small enough to count by hand; the comments give the count.
# RCTab's semantics: github.com/BrightSpots/rcv, Tabulator.java (the
# ballot walk: skipped ranks, then repeated candidates, then the overvote
# rule) and Tiebreak.java.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

cvr() { printf '%b' "$2" >"$tmp/$1"; }

# Over-votes of known candidates (delimiter '|'). Round 1: A 6, B 5, C 1,
# D 3; C out (its ballot exhausts: no choices left). Round 2: A 6, B 5,
# D 3; D out, its 3 ballots reach the over-vote {C, B}, of which only B
# continues: exhaust (if multiple continuing) and recount give them to B
# (B 8, A 6: B wins); exhaust_immediately exhausts them (A 6, B 5: A);
# always_skip_to_next_rank passes the rank and has nothing after it
# (exhausted choices; A wins).
cvr over.csv 'Ballot ID,Precinct,Rank 1,Rank 2,Count\n1,P1,A,,6\n2,P1,B,,5\n3,P2,C,,1\n4,P2,D,C|B,3\n'
f="$tmp/over.csv"
expect 0 "" -- run voting.irv -p 'overvote_delimiter=|' "$f"
field '.result.winners | join(",")' "B"
field '.result.rounds[2].tally' '{"A":6,"B":8}'
field '.result.rounds[1].exhausted_by.exhausted_choices' "1"
expect 0 "" -- run voting.irv -p 'overvote_delimiter=|' -p overvote=exhaust_if_multiple_continuing "$f"
field '.result.winners | join(",")' "B"
expect 0 "" -- run voting.irv -p 'overvote_delimiter=|' -p overvote=recount "$f"
field '.result.rounds[2].tally' '{"A":6,"B":8}'
expect 0 "" -- run voting.irv -p 'overvote_delimiter=|' -p overvote=exhaust_immediately "$f"
field '.result.winners | join(",")' "A"
field '.result.rounds[2].tally' '{"A":6,"B":5}'
field '.result.rounds[2].exhausted_by' '{"overvotes":3,"skipped_rankings":0,"exhausted_choices":1,"undervotes":0,"repeated_rankings":0}'
field '.result.rounds[1].transfers' '{"A":0,"B":0,"exhausted":3}'
expect 0 "" -- run voting.irv -p 'overvote_delimiter=|' -p overvote=always_skip_to_next_rank "$f"
field '.result.winners | join(",")' "A"
field '.result.rounds[2].exhausted_by' '{"overvotes":0,"skipped_rankings":0,"exhausted_choices":4,"undervotes":0,"repeated_rankings":0}'

# RCTab issue 554: an over-vote of three, one of them eliminated, two
# still continuing, exhausts under "exhaust if multiple continuing". Round
# 1: A 6, B 5, C 1, D 3; C out; round 2: D out, its ballots reach
# {A, B, C}: A and B continue, so they exhaust (A 6, B 5: A wins); recount
# keeps them waiting (counted as over-votes) with the same tallies.
cvr over3.csv 'Rank 1,Rank 2,Count\nA,,6\nB,,5\nC,,1\nD,A|B|C,3\n'
for rule in exhaust recount; do
    expect 0 "" -- run voting.irv -p 'overvote_delimiter=|' -p overvote=$rule "$tmp/over3.csv"
    field '.result.rounds[2].tally' '{"A":6,"B":5}'
    field '.result.rounds[2].exhausted_by.overvotes' "3"
done

# RCTab issue 121 (Maine 2018): two skipped ranks then an over-vote is
# exhausted by the skipped ranks, which are checked first; without a limit
# it is an over-vote.
cvr maine.csv 'Rank 1,Rank 2,Rank 3,Rank 4\nA,,,\nB,,,\nundervote,undervote,overvote,A\n'
expect 0 "" -- run voting.irv -p max_skipped_ranks=1 "$tmp/maine.csv"
field '.result.rounds[0].exhausted_by' '{"overvotes":0,"skipped_rankings":1,"exhausted_choices":0,"undervotes":0,"repeated_rankings":0}'
expect 0 "" -- run voting.irv "$tmp/maine.csv"
field '.result.rounds[0].exhausted_by' '{"overvotes":1,"skipped_rankings":0,"exhausted_choices":0,"undervotes":0,"repeated_rankings":0}'

# The overvote label (candidates unknown). Round 1: A 6, B 5, C 3; C out;
# its 3 ballots reach "overvote": exhausted (A 6, B 5: A wins) unless the
# rule skips it, when they count for B (B 8: B wins).
cvr label.csv 'Rank 1,Rank 2,Rank 3,Count\nA,,,6\nB,,,5\nC,overvote,B,3\n'
f="$tmp/label.csv"
for rule in exhaust exhaust_immediately; do
    expect 0 "" -- run voting.irv -p overvote=$rule "$f"
    field '.result.winners | join(",")' "A"
    field '.result.rounds[1].exhausted_by.overvotes' "3"
done
expect 0 "" -- run voting.irv -p overvote=always_skip_to_next_rank "$f"
field '.result.winners | join(",")' "B"
field '.result.rounds[1].tally.B' "8"
expect 0 "" -- run voting.irv -p overvote_label=OV -p overvote=always_skip_to_next_rank "$f"
field '.result.candidates | join(",")' "A,B,C,overvote"

# Skipped ranks. D and E tie at 1 (D out: fewer first preferences? equal,
# so the lower number), E out with 2, their 2 ballots exhaust; C out with
# 3. C's ballots skip ranks 2 and 3 before B: with no limit or a limit of
# 2 they count for B (B 7, A 5); with max_skipped_ranks 0 or 1 they are
# exhausted by skipped rankings (A 5, B 4: A wins).
cvr skip.csv 'Rank 1,Rank 2,Rank 3,Rank 4,Rank 5,Count\nA,,,,,5\nB,,,,,4\nC,,,B,,3\nD,E,,,,1\nE,D,,,,1\n'
f="$tmp/skip.csv"
for limit in unlimited 2; do
    expect 0 "" -- run voting.irv -p max_skipped_ranks=$limit "$f"
    field '.result.winners | join(",")' "B"
    field '.result.rounds[3].tally' '{"A":5,"B":7}'
done
for limit in 0 1; do
    expect 0 "" -- run voting.irv -p max_skipped_ranks=$limit "$f"
    field '.result.winners | join(",")' "A"
    field '.result.rounds[3].exhausted_by' '{"overvotes":0,"skipped_rankings":3,"exhausted_choices":2,"undervotes":0,"repeated_rankings":0}'
done
expect 2 "max_skipped_ranks" -- run voting.irv -p max_skipped_ranks=-1 "$f"
# A leading skip counts too: ",,C" skips two ranks before C.
cvr lead.csv 'Rank 1,Rank 2,Rank 3,Count\nA,,,3\nB,,,2\n,,B,2\n'
expect 0 "" -- run voting.irv -p max_skipped_ranks=1 "$tmp/lead.csv"
field '.result.rounds[0].tally' '{"A":3,"B":2}'
field '.result.rounds[0].exhausted_by.skipped_rankings' "2"
expect 0 "" -- run voting.irv "$tmp/lead.csv"
field '.result.rounds[0].tally' '{"A":3,"B":4}'

# A candidate ranked twice: C, C, B. C out after round 1 (A 5, B 4, C 3).
# skip (RCTab's default) passes the repeat: B gets 3 and wins 7 to 5;
# exhaust ends the ballot at the repeat ("repeated rankings"): A wins 5 to
# 4, also when skipped ranks are limited too; error rejects it.
cvr dup.csv 'Rank 1,Rank 2,Rank 3,Count\nA,,,5\nB,,,4\nC,C,B,3\n'
f="$tmp/dup.csv"
expect 0 "" -- run voting.irv "$f"
field '.result.winners | join(",")' "B"
field '.result.rounds[1].tally' '{"A":5,"B":7}'
expect 0 "" -- run voting.irv -p duplicates=exhaust "$f"
field '.result.winners | join(",")' "A"
field '.result.rounds[1].exhausted' "3"
field '.result.rounds[1].exhausted_by.repeated_rankings' "3"
cvr dup4.csv 'Rank 1,Rank 2,Rank 3,Count\nA,,,5\nB,,,4\nC,C,B,3\nD,,,2\n'
expect 0 "" -- run voting.irv -p duplicates=exhaust -p max_skipped_ranks=0 "$tmp/dup4.csv"
field '.result.rounds[2].tally' '{"A":5,"B":4}'
field '.result.rounds[2].exhausted_by' '{"overvotes":0,"skipped_rankings":0,"exhausted_choices":2,"undervotes":0,"repeated_rankings":3}'
expect 0 "" -- run voting.irv -p duplicates=exhaust --format text "$f"
grep -q "^  by repeated rank *0 *3" "$tmp/out" && ok || bad "repeated rank row"
expect 2 "dup.csv:4: column 'Rank 2': 'C' is ranked twice" -- run voting.irv -p duplicates=error "$f"

# Write-ins: counted as a candidate "Write-in" (3 votes, out first, its
# ballots go to B: 2 rounds), or excluded (their rank passed over: B has
# 7 of 12 in round 1).
cvr wi.csv 'Rank 1,Rank 2,Count\nA,,5\nB,,4\nWrite-in,B,3\n'
expect 0 "" -- run voting.irv "$tmp/wi.csv"
field '.result.rounds | length' "2"
field '.result.rounds[0].eliminated' "Write-in"
expect 0 "" -- run voting.irv -p writeins=exclude "$tmp/wi.csv"
field '.result.rounds | length' "1"
field '.result.rounds[0].tally' '{"A":5,"B":7}'
field '.result.candidates | join(",")' "A,B"

# Undeclared write-ins (RCTab): counted, eliminated first whatever their
# tally, never winning, and no one wins while they hold votes. A 5, B 3,
# Write-in 4 (then B): as a candidate B goes first and A wins 5 to 4; as
# undeclared write-ins they go first and B wins 7 to 5.
cvr wi2.csv 'Rank 1,Rank 2,Count\nA,,5\nB,,3\nWI,B,4\n'
expect 0 "" -- run voting.irv -p writein_label=WI "$tmp/wi2.csv"
field '.result.winners | join(",")' "A"
field '.result.rounds[0].eliminated' "B"
expect 0 "" -- run voting.irv -p writein_label=WI -p writeins=undeclared "$tmp/wi2.csv"
field '.result.winners | join(",")' "B"
field '.result.rounds[0].eliminated' "WI"
field '.result.rounds[1].tally' '{"A":5,"B":7}'
# A 7 of 11 is a majority in round 1, but the 3 write-ins hold votes: one
# more round (A 7, B 4).
cvr wi3.csv 'Rank 1,Rank 2,Count\nA,,7\nB,,1\nWrite-in,B,3\n'
expect 0 "" -- run voting.irv "$tmp/wi3.csv"
field '.result.rounds | length' "1"
expect 0 "" -- run voting.irv -p writeins=undeclared "$tmp/wi3.csv"
field '.result.rounds | length' "2"
field '.result.rounds[1].tally' '{"A":7,"B":4}'

# Ties for last. Round 1: A 20, B 8, C 7, D 3, E 2; E out (to C). Round 2:
# A 20, B 8, C 9, D 3; D out (2 to B, 1 to C). Round 3: A 20, B 10, C 10,
# a tie for last. lowest: C has fewer first preferences (7 < 8): C out.
# previous_round: in round 2 B had 8, C 9: B out. order: the one listed
# latest goes. A wins every time (20 of 30 in round 4).
cvr ties.csv 'Rank 1,Rank 2,Count\nA,,20\nB,,8\nC,,7\nD,B,2\nD,C,1\nE,C,2\n'
f="$tmp/ties.csv"
expect 0 "" -- run voting.irv "$f"
field '.result.rounds[2].tally' '{"A":20,"B":10,"C":10}'
field '.result.elimination_order | join(",")' "E,D,C"
expect 0 "" -- run voting.irv -p ties=previous_round "$f"
field '.result.elimination_order | join(",")' "E,D,B"
field '.result.ties' "previous_round"
expect 0 "" -- run voting.irv -p ties=order -p "tie_order=A, C, B, D, E" "$f"
field '.result.elimination_order | join(",")' "E,D,B"
expect 0 "" -- run voting.irv -p ties=order -p tie_order=A,B,C,D,E "$f"
field '.result.elimination_order | join(",")' "E,D,C"
field '.result.winners | join(",")' "A"
# a seeded lottery: the same seed, the same result; B or C goes
expect 0 "" -- run voting.irv -p ties=random --seed 7 "$f"
first=$(jq -c '.result.elimination_order' "$tmp/out")
expect 0 "" -- run voting.irv -p ties=random --seed 7 "$f"
field '.result.elimination_order' "$first"
case "$first" in '["E","D","B"]' | '["E","D","C"]') ok ;; *) bad "lottery eliminated $first" ;; esac
expect 2 "tie_order must list all 5 candidates" -- run voting.irv -p ties=order -p tie_order=A,B,C "$f"
expect 2 "'F' is not a candidate" -- run voting.irv -p ties=order -p tie_order=A,B,C,D,F "$f"
expect 2 "listed twice" -- run voting.irv -p ties=order -p tie_order=A,B,C,D,D "$f"
expect 2 "ties is not 'order'" -- run voting.irv -p tie_order=A,B,C,D,E "$f"

# The last two tied: the tie rule decides in that round (RCTab), no round
# with one candidate. A 2, B 2: equal first preferences, so ties=lowest
# eliminates the lower number, A; both are tied winners, B is chosen in
# round 1.
cvr two.csv 'Rank 1,Count\nA,2\nB,2\n'
expect 0 "" -- run voting.irv "$tmp/two.csv"
field '.result.rounds | length' "1"
field '.result.rounds[0].eliminated' "A"
field '.result.winners | join(",")' "A,B"
field '.result.chosen' "B"

# Batch elimination. Round 1: A 30, B 25, C 6, D 4, E 2. Running totals
# from the bottom: E's 2 < 4 (D), E+D = 6 is not < 6 (C), E+D+C = 12 < 25
# (B): E, D and C cannot catch B and go at once. Round 2: A 36, B 31.
# Without it: 4 rounds, one out at a time, the same winner.
cvr batch.csv 'Rank 1,Rank 2,Count\nA,,30\nB,,25\nC,A,6\nD,B,4\nE,B,2\n'
f="$tmp/batch.csv"
expect 0 "" -- run voting.irv -p batch_elimination=yes "$f"
field '.result.rounds | length' "2"
field '.result.rounds[0].eliminated' '["E","D","C"]'
field '.result.rounds[1].tally' '{"A":36,"B":31}'
field '.result.rounds[0].transfers' '{"A":6,"B":6,"exhausted":0}'
expect 0 "" -- run voting.irv "$f"
field '.result.rounds | length' "4"
field '.result.elimination_order | join(",")' "E,D,C"
expect 0 "" -- run voting.irv -p batch_elimination=yes --format text "$f"
grep -q "^round 1: E eliminated" "$tmp/out" && grep -q "^round 1: C eliminated" "$tmp/out" && ok ||
    bad "batch text"

# Continue until two remain. A has 10 of 16 in round 1 and wins there;
# with continue_until_two D (1) goes, then C (2): round 3 is A 10, B 4
# with C's 2 ballots exhausted. With batch elimination too, the batch
# D, C, B (1 + 2 + 3 < 10) would leave A alone, so it is cut back to D
# alone, and a single elimination runs (RCTab).
cvr until.csv 'Rank 1,Rank 2,Count\nA,,10\nB,,3\nC,,2\nD,B,1\n'
f="$tmp/until.csv"
expect 0 "" -- run voting.irv "$f"
field '.result.rounds | length' "1"
for extra in "batch_elimination=no" "batch_elimination=yes"; do
    expect 0 "" -- run voting.irv -p continue_until_two=yes -p $extra "$f"
    field '.result.rounds | length' "3"
    field '.result.rounds[2].tally' '{"A":10,"B":4}'
    field '.result.rounds[2].exhausted' "2"
    field '.result.winners | join(",")' "A"
done

# Blank ballots are undervotes; the readable table shows the causes.
cvr blank.csv 'Rank 1,Rank 2\nA,\nB,A\n,\nundervote,undervote\nC,overvote\n'
expect 0 "" -- run voting.irv --format text "$tmp/blank.csv"
grep -q "^  blank *2" "$tmp/out" && ok || bad "blank row in the text table"
expect 0 "" -- run voting.irv "$tmp/blank.csv"
field '.result.rounds[0].exhausted_by' '{"overvotes":0,"skipped_rankings":0,"exhausted_choices":0,"undervotes":2,"repeated_rankings":0}'

finish test_irv_rctab
