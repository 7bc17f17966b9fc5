#!/bin/bash
# mechkit audit on elections (issue 7's findings), on small profiles written
# here: the plurality bloc that wins by voting for its second choice, the
# Borda voters who gain by burying the winner, a pair of IRV blocs who
# both gain by changing their ballots together, IRV's centre squeeze
# undone by a compromising bloc, and IRV's monotonicity failure. A row of
# identical ballots is one participant: its voters deviate together
# (voting.h).
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# election FILE LINE...: a PrefLib .soc over candidates A, B, C.
election() {
    local file=$1 voters=0 line
    shift
    for line in "$@"; do voters=$((voters + ${line%%:*})); done
    {
        printf '# FILE NAME: %s\n# TITLE: test\n# DATA TYPE: soc\n' "$file"
        printf '# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: %d\n# NUMBER UNIQUE ORDERS: %d\n' \
            "$voters" "$#"
        printf '# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n# ALTERNATIVE NAME 3: C\n'
        printf '%s\n' "$@"
    } >"$tmp/$file"
}

# Plurality: A 4, B 3, C 2 elects A, the B bloc's last choice; voting for
# its second choice C instead (C 5, A 4) elects C.
election plurality.soc "4: 1,2,3" "3: 2,3,1" "2: 3,2,1"
expect 0 "" -- audit voting.plurality "$tmp/plurality.soc"
field '.result.unilateral.found' "true"
field '.result.unilateral.search' "exhaustive"
field '.result.unilateral.worst.who.label' "2"
field '.result.unilateral.worst.truthful_outcome.allocation.A' "1"
field '.result.unilateral.worst.deviating_outcome.allocation.C' "1"
field '.result.unilateral.max_gain' "1"
field '.result.claims | length' "0"

# Borda: 3 A>B>C and 2 B>A>C elect A (8 points to 7); the B voters bury A
# (B>C>A: A 6, B 7, C 2) and elect B.
election borda.soc "3: 1,2,3" "2: 2,1,3"
expect 0 "" -- audit voting.borda "$tmp/borda.soc"
field '.result.unilateral.found' "true"
field '.result.unilateral.worst.who.label' "2"
field '.result.unilateral.worst.deviating.cells' "[3,1,2]"
field '.result.unilateral.worst.deviating_outcome.allocation.B' "1"

# IRV: A 4, B 3, C 2; C is eliminated and its votes elect A. Blocs 2 and 3
# can together change ballots so that both get a candidate they prefer.
election irv.soc "4: 1,2,3" "3: 2,3,1" "2: 3,1,2"
expect 0 "" -- audit voting.irv "$tmp/irv.soc"
field '.result.coalition.found' "true"
field '.result.coalition.worst.who.label' "2"
field '.result.coalition.worst.partner.label' "3"
field '.result.coalition.worst.truthful_outcome.allocation.A' "1"

# Blocs, IRV's centre squeeze: A 35 (A>B>C), B 32 (B>A>C), C 33 (C>B>A).
# B is eliminated first and A wins 67 to 33, though B beats both head to
# head. Everyone preferring B to A (the B and C voters, 65) moves B to the
# top: B wins. The C voters alone already suffice, but the bloc is all who
# prefer B; every member gains.
election squeeze.soc "35: 1,2,3" "32: 2,1,3" "33: 3,2,1"
expect 0 "" -- audit voting.irv "$tmp/squeeze.soc"
field '.result.coalition.found' "true"
field '.result.coalition.blocs.found' "true"
field '.result.coalition.blocs.worst.bloc.target' "B"
field '.result.coalition.blocs.worst.bloc.against' "A"
field '.result.coalition.blocs.worst.bloc.move' "compromise"
field '.result.coalition.blocs.worst.bloc.voters' "65"
field '.result.coalition.blocs.worst.bloc.rows' "2"
field '.result.coalition.blocs.worst.truthful_outcome.allocation.A' "1"
field '.result.coalition.blocs.worst.deviating_outcome.allocation.B' "1"
field '.result.coalition.blocs.worst.bloc.deviating["3"].cells' "[3,1,2]"

# A Condorcet winner elected by a majority of first preferences: no bloc
# can change the outcome under plurality.
election majority.soc "6: 1,2,3" "2: 2,3,1" "2: 3,2,1"
expect 0 "" -- audit voting.plurality "$tmp/majority.soc"
field '.result.coalition.blocs.found' "false"
field '.result.coalition.blocs.worst' "null"

# Monotonicity, IRV: A 39 (A>B>C), B 35 (B>C>A), C 26 (C>A>B). C goes
# first and A wins 65 to 35. If 9 of the B voters raise A to the top, B and
# C tie at 26 for last, B goes (fewest first preferences, then the lower
# number) and C beats A 52 to 48: more support defeats the winner.
# Fewer than 9 cannot (B keeps more than 26), so 9 is the worst case.
election mono.soc "39: 1,2,3" "35: 2,3,1" "26: 3,1,2"
expect 0 "" -- audit voting.irv "$tmp/mono.soc" --save-counterexamples "$tmp/mono"
field '.result.monotonicity.checked' "true"
field '.result.monotonicity.holds' "false"
field '.result.monotonicity.search' "exhaustive"
field '.result.monotonicity.worst.raised' '{"voters":9,"of":"2","winner":"A","report":{"cells":[1,2,3]}}'
field '.result.monotonicity.worst.deviating_outcome.allocation.C' "1"
expect 0 "" -- run voting.irv "$tmp/mono/monotonicity-lie.soc"
field '.result.winners' '["C"]'
# Plurality is monotone: the same search finds nothing.
expect 0 "" -- audit voting.plurality "$tmp/mono.soc"
field '.result.monotonicity.holds' "true"
field '.result.monotonicity.worst' "null"

# Rules without item outcomes say why blocs are not searched.
expect 0 "" -- audit auction.second_price --budget 5
field '.result.coalition.blocs.checked' "false"
field '.result.monotonicity.checked' "false"

finish "audit voting"
