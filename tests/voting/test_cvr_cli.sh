#!/bin/bash
# Cast-vote-record CSVs on the command line: the example city election,
# the format's choices (columns, counts, candidate list, labels), and bad
# input (exit 2, the file and line in the message).
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
ex="$MECHKIT_SOURCE_DIR/examples"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

cvr() { printf '%b' "$2" >"$tmp/$1"; }

# examples/cvr_city.csv: 113 ballots, one a row, ballot ids and precincts
# ignored. Checked against an independent walk of the raw records (the
# RCTab rules applied rank by rank, not through mechkit's profile).
f="$ex/cvr_city.csv"
expect 0 "" -- run voting.irv "$f"
field '.result.candidates | join(",")' "James Chen,Aisha Patel,Maria Lopez,Tom Walsh,Write-in"
field '.result.winners | join(",")' "Maria Lopez"
field '.result.rounds[0].tally' '{"James Chen":27,"Aisha Patel":20,"Maria Lopez":31,"Tom Walsh":29,"Write-in":3}'
field '.result.rounds[3].tally' '{"Maria Lopez":48,"Tom Walsh":47}'
field '.result.rounds[3].exhausted_by' '{"overvotes":5,"skipped_rankings":0,"exhausted_choices":11,"undervotes":2,"repeated_rankings":0}'
field '.result.elimination_order | join(",")' "Write-in,Aisha Patel,James Chen"
# Skipping over-votes gives James Chen's four "overvote, Tom Walsh" ballots
# to Walsh, and "overvote, Maria Lopez" to Lopez: Walsh wins 51 to 49.
expect 0 "" -- run voting.irv -p overvote=always_skip_to_next_rank "$f"
field '.result.winners | join(",")' "Tom Walsh"
field '.result.rounds[3].tally' '{"Maria Lopez":49,"Tom Walsh":51}'
# ... unless two skipped ranks in a row exhaust a ballot: 49 all, and the
# tie rule (fewer first preferences: Walsh 29 < Lopez 32) keeps Lopez:
# both are tied winners, Lopez is chosen.
expect 0 "" -- run voting.irv -p overvote=always_skip_to_next_rank -p max_skipped_ranks=1 "$f"
field '.result.rounds[3].tally' '{"Maria Lopez":49,"Tom Walsh":49}'
field '.result.rounds[3].exhausted_by.skipped_rankings' "2"
field '.result.winners | join(",")' "Maria Lopez,Tom Walsh" # tied for the win
field '.result.chosen' "Maria Lopez"
expect 0 "" -- run voting.irv -p batch_elimination=yes "$f"
field '.result.rounds[0].eliminated' '["Write-in","Aisha Patel"]'
expect 0 "" -- run voting.irv --format text "$f"
grep -q "^  by overvote" "$tmp/out" && grep -q "^round 3: James Chen eliminated" "$tmp/out" && ok ||
    bad "text table of the example"
# Every ranked rule reads a CVR; the same ballots as PrefLib give the same
# pairwise matrix.
expect 0 "" -- run voting.schulze "$f"
field '.result.candidates | length' "5"
expect 0 "" -- run voting.plurality --input-format cvr "$f"
field '.result.winners | join(",")' "Maria Lopez"

# Columns chosen by name, a count column, other columns ignored; identical
# ballots merged (the audit's rows are the distinct ballots).
cvr cols.csv 'id,first,second,n,note\n1,A,B,2,x\n2,A,B,3,y\n3,B,,1,"a, b"\n'
expect 0 "" -- run voting.irv -p rank_columns=first,second -p count_column=n "$tmp/cols.csv"
field '.result.rounds[0].tally' '{"A":5,"B":1}'
field '.result.voters' "6"
cvr weight.csv 'Choice 2,Choice 1,Weight\nB,A,4\n,B,3\n'
expect 0 "" -- run voting.irv --input-format cvr "$tmp/weight.csv"
field '.result.rounds[0].tally' '{"A":4,"B":3}'
expect 0 "" -- run voting.irv -p count_column=none -p rank_columns=Weight "$tmp/weight.csv"
field '.result.candidates | join(",")' "4,3"
# A candidate list fixes the order and names; write-ins and labels.
cvr list.csv 'Rank 1,Rank 2\nBob,Ann\nAnn,\n'
expect 0 "" -- run voting.irv -p candidate_names=Ann,Bob,Cy "$tmp/list.csv"
field '.result.candidates | join(",")' "Ann,Bob,Cy"
field '.result.rounds[0].tally' '{"Ann":1,"Bob":1,"Cy":0}'
cvr labels.csv 'Rank 1,Rank 2,Rank 3\nA,OV,B\nA,skip,B\nWI,B,\n'
expect 0 "" -- run voting.irv -p overvote_label=OV -p undervote_label=skip -p writein_label=WI \
    -p writeins=exclude -p max_skipped_ranks=0 "$tmp/labels.csv"
field '.result.candidates | join(",")' "A,B"

# Bad input: exit 2, file and line.
bad_cvr() {
    local want=$1
    cvr bad.csv "$2"
    shift 2
    expect 2 "$want" -- run voting.irv "$@" "$tmp/bad.csv"
}
bad_cvr "bad.csv: empty file" ""
bad_cvr "bad.csv:1: the header row is empty" ',,\nA,B,C\n'
bad_cvr "bad.csv:1: no rank columns" 'id,name\n1,A\n'
bad_cvr "bad.csv:3: 2 fields, the header has 3" 'id,Rank 1,Rank 2\n1,A,B\n2,A\n'
bad_cvr "bad.csv:3: column 'Rank 1': 'Cy' is not one of the candidates given" \
    'Rank 1,Rank 2\nAnn,Bob\nCy,Ann\n' -p candidate_names=Ann,Bob
bad_cvr "bad.csv:2: column 'Rank 2': 'A' is ranked twice" 'Rank 1,Rank 2\nA,A\n' -p duplicates=error
bad_cvr "bad.csv:2: count 'two' is not a whole number >= 1" 'Rank 1,Count\nA,two\n'
bad_cvr "bad.csv:2: count '0' is not a whole number >= 1" 'Rank 1,Count\nA,0\n'
bad_cvr "bad.csv:2: count '99999999999999999999' is not a whole number >= 1" \
    'Rank 1,Count\nA,99999999999999999999\n'
bad_cvr "bad.csv:1: the header has no rank column 'R9'" 'Rank 1\nA\n' -p rank_columns=R9
bad_cvr "bad.csv:1: the header has no count column 'n'" 'Rank 1\nA\n' -p count_column=n
bad_cvr "bad.csv:1: two rank columns for rank 1" 'Rank 1,rank_1\nA,B\n'
bad_cvr "bad.csv:1: the header names column 'Rank 1' twice" 'Rank 1,Rank 1\nA,B\n' \
    -p rank_columns="Rank 1"
bad_cvr "bad.csv:2: column 'Rank 1': 'overvote' among other names" 'Rank 1\nA|overvote\n' \
    -p 'overvote_delimiter=|'
bad_cvr "bad.csv:2: column 'Rank 1': an empty name" 'Rank 1\nA||B\n' -p 'overvote_delimiter=|'
bad_cvr "bad.csv: no ballots after the header" 'Rank 1,Rank 2\n'
bad_cvr "bad.csv: no ballot names a candidate" 'Rank 1\n\n""\n'
bad_cvr "bad.csv:2:3: quoted field is not closed" 'Rank 1,Rank 2\nA,"B\n'
bad_cvr "candidates: 'A' is listed twice" 'Rank 1\nA\n' -p candidate_names=A,A
expect 2 "not csv" -- run voting.irv --input-format csv "$tmp/bad.csv"

finish test_cvr_cli
