#!/bin/bash
# The core and the nucleolus of the real voting games of
# ../shared/data/coop/ (as 0/1 games: a winning coalition is worth 1).
# Facts: a simple game's core is not empty exactly when some player has a
# veto, and then it holds the allocations among the veto players only;
# the nucleolus is symmetric and in the core when that is not empty, and
# gives a dummy player nothing. So the Security Council's nucleolus is 1/5
# to each permanent member and 0 to the others (15 players: 2^15
# coalitions); the EEC Council of 1958 has no veto player, so its core is
# empty, and Luxembourg, a dummy (SOURCES.md), gets 0. Skipped (77) when
# the shared data is absent.
set -uo pipefail
: "${MECHKIT:?}"
dir="${MECHKIT_SHARED_DATA:-}/coop"
if [ -z "${MECHKIT_SHARED_DATA:-}" ] || [ ! -f "$dir/un_security_council.json" ]; then
    echo "skipped: no shared data at '$dir'"
    exit 77
fi
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

expect 0 "" -- coop --index nucleolus,least_core "$dir/un_security_council.json"
field '[.result.nucleolus[]] | unique' '["0","1/5"]'
field '[.result.nucleolus | to_entries[] | select(.value == "1/5") | .key] | sort' \
    '["China","France","Russia","United Kingdom","United States"]'
field '.result.least_core.epsilon' '0'
field '.result | has("shapley_shubik")' 'false'

expect 0 "" -- coop --index all,core,nucleolus "$dir/eec_council_1958.json"
field '.result.core.empty' 'true'
field '.result.nucleolus.Luxembourg' '0'
field '[.result.nucleolus.France, .result.nucleolus.Germany] | unique | length' '1'
field '[.result.nucleolus.Belgium, .result.nucleolus.Netherlands] | unique | length' '1'
field '.result.shapley_shubik.France' '7/30'

finish "coop core shared"
