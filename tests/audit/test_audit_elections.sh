#!/bin/bash
# mechkit audit on real elections (../shared/data/elections, see its
# SOURCES.md): what the search finds, as facts that must keep holding.
# Burlington 2009 (IRV elected Bob Kiss; Andy Montroll was the Condorcet
# winner): the 4,067 voters who prefer Montroll to Kiss elect Montroll by
# ranking him first (the compromise that Wright's voters are known to
# have missed); the lie file replays to Montroll. The same election fails
# monotonicity: if 784 of Wright's voters (those whose Kiss-Montroll
# preference the raise changes least) had raised Kiss to the top, Wright
# would have gone out before Montroll and Montroll would have won: more
# support for Kiss defeats him. Burlington 2006 and Aspen 2009 mayor: no
# bloc, no single ballot type and no raise changes the IRV winner.
# Skipped (exit 77) without the data.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SHARED_DATA:?}"
data=$MECHKIT_SHARED_DATA/elections
[ -f "$data/00005-00000002.toi" ] || {
    echo "no ../shared/data: skipped"
    exit 77
}
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

expect 0 "" -- audit voting.irv "$data/00005-00000002.toi" --max-deviations 32 \
    --save-counterexamples "$tmp/b2009"
field '.result.unilateral.found' "false"
field '.result.coalition.blocs.found' "true"
field '.result.coalition.blocs.worst.bloc.target' "Andy Montroll"
field '.result.coalition.blocs.worst.bloc.against' "Bob Kiss"
field '.result.coalition.blocs.worst.bloc.move' "compromise"
field '.result.coalition.blocs.worst.bloc.voters' "4067"
expect 0 "" -- run voting.irv "$tmp/b2009/bloc-lie.toi"
field '.result.winners' '["Andy Montroll"]'
expect 0 "" -- run voting.irv "$tmp/b2009/bloc-truthful.toi"
field '.result.winners' '["Bob Kiss"]'
expect 0 "" -- audit voting.irv "$data/00005-00000002.toi" --max-deviations 1 \
    --save-counterexamples "$tmp/m2009"
field '.result.monotonicity.holds' "false"
field '.result.monotonicity.worst.raised' \
    '{"voters":784,"first_choice":"Kurt Wright","rows":26,"winner":"Bob Kiss","rival":"Andy Montroll"}'
expect 0 "" -- run voting.irv "$tmp/m2009/monotonicity-lie.toi"
field '.result.winners' '["Andy Montroll"]'

for file in 00005-00000001.toi 00016-00000002.toi; do
    expect 0 "" -- audit voting.irv "$data/$file" --max-deviations 32
    field '.result.unilateral.found' "false"
    field '.result.coalition.blocs.found' "false"
    field '.result.monotonicity.holds' "true"
done

finish "audit on real elections"
