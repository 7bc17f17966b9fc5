#!/bin/bash
# STV counts of the real multi-member elections in shared/data/elections
# (SOURCES.md): the declared members. Skips (77) when the shared data are
# absent, as in a user's clone.
set -uo pipefail
: "${MECHKIT:?}"
d="${MECHKIT_SHARED_DATA:-}/elections"
[ -n "${MECHKIT_SHARED_DATA:-}" ] && [ -f "$d/SOURCES.md" ] || exit 77
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

sorted() { jq -c -r '.result.winners | sort | join(",")' "$tmp/out"; }
same() { [ "$(sorted)" = "$1" ] && ok || bad "$2 elected $(sorted), expected $1"; }

# Glasgow 2007, Anderston/City (4 seats): Mackay, Braat, Matheson, Baker,
# counted under Scottish STV, the rule used. First count as SOURCES.md.
f="$d/00008-00000001.soi"
anderston="Craig Mackay,Gordon Matheson,Nina Baker,Philip Braat"
expect 0 "" -- run voting.stv_scottish -p seats=4 "$f"
same "$anderston" "Scottish STV, Anderston/City"
field '.result.quota' "1381.00000"
field '.result.rounds[0].tally["Craig Mackay"]' "1632.00000"
field '.result.rounds[0].tally["Dave Holladay"]' "145.00000"
field '.result.rounds[0].elected | join(",")' "Craig Mackay"
field '.result.rounds[1].action' "surplus"
field '.result.rounds[1].tally["Craig Mackay"]' "1381.00000"
field '.result.valid_votes' "6900"
# Every stage equals the Scottish count of Droop (J. Lundell's STV
# counter, rule "scotland", its reference output for the same ballots,
# test/ref/dump/scotland/Anderston-City-2007-scotland-fixed-p5-d5.txt):
# e.g. after Mackay's surplus Baker 927.98248, Murray 215.07069; at the
# last stage, Laird excluded, Baker 1736.42172 and Matheson 1544.95940.
field '.result.rounds[1].tally["Nina Baker"]' "927.98248"
field '.result.rounds[1].tally["Peter Murray"]' "215.07069"
field '.result.rounds[6].tally["Philip Braat"]' "1381.00000"
field '.result.rounds[6].tally["Gordon Matheson"]' "1312.04255"
field '.result.rounds[7].candidate' "Ann Laird"
field '.result.rounds[7].tally["Nina Baker"]' "1736.42172"
field '.result.rounds[7].tally["Gordon Matheson"]' "1544.95940"

# Glasgow 2007, Calton (3 seats): Redmond, Thewliss, Simpson.
expect 0 "" -- run voting.stv_scottish -p seats=3 "$d/00008-00000003.soi"
same "Alison E Thewliss,George Redmond,Ruth Simpson" "Scottish STV, Calton"
field '.result.quota' "1300.00000"
field '.result.rounds[0].tally["George Redmond"]' "1982.00000"
# Droop's reference count of Calton: Simpson 1271.90931 before the last
# exclusion (Fullerton, 485.84120) and 1393.86735 after it.
field '.result.rounds[8].tally["Ruth Simpson"]' "1271.90931"
field '.result.rounds[8].tally["Fiacra Fullerton"]' "485.84120"
field '.result.rounds[9].tally["Ruth Simpson"]' "1393.86735"

# Irish 2002 (random-sample surplus rules, so only the elected set is
# expected from a deterministic STV): Dublin West and Dublin North.
west="Brian Lenihan F.F.,Joan Burton Lab,Joe Higgins S.P."
north="G.V. Wright F.F.,Jim Glennon F.F.,Sean Ryan Lab,Trevor Sargent G.P."
for rule in stv_scottish stv_gregory stv_meek; do
    expect 0 "" -- run voting.$rule -p seats=3 "$d/00001-00000002.soi"
    same "$west" "$rule, Dublin West"
    expect 0 "" -- run voting.$rule -p seats=4 "$d/00001-00000001.soi"
    same "$north" "$rule, Dublin North"
    expect 0 "" -- run voting.$rule -p seats=4 "$f"
    same "$anderston" "$rule, Anderston/City"
done
# Dublin West: Droop quota floor(29,988 / 4) + 1 = 7,498; Lenihan's
# 8,086 first preferences elect him at the first stage.
expect 0 "" -- run voting.stv_scottish -p seats=3 "$d/00001-00000002.soi"
field '.result.quota' "7498.00000"
field '.result.rounds[0].elected | join(",")' "Brian Lenihan F.F."

# One seat: every STV count elects Bob Kiss, the IRV winner of Burlington
# 2009; the 4 ballots over-voted at the first rank are invalid. Under
# Meek the last stage is the IRV final count less the one ballot whose
# over-vote ends it even after one of its tied candidates is out
# (STV's "exhaust immediately"; IRV's default exhausts only a tie
# between continuing candidates): Kiss 4,313, Wright 4,060.
for rule in stv_scottish stv_gregory stv_meek; do
    expect 0 "" -- run voting.$rule "$d/00005-00000002.toi"
    field '.result.winners | join(",")' "Bob Kiss"
    field '.result.invalid_votes' "4"
done
field '.result.rounds[-1].tally["Bob Kiss"]' "4313.000000000"
field '.result.rounds[-1].tally["Kurt Wright"]' "4060.000000000"

finish test_stv_elections
