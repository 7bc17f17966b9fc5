#!/bin/bash
# mechkit solve --method kantian on games whose best critical points have
# exactly equal irrational values (superrational.c, classify_ties).
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# Two prizes, 7 players, claim A or claim B (1 when no other claims the
# same prize): u(x) = x (1 - x)^6 + (1 - x) x^6 = u(1 - x), maximal at the
# irrational critical points r (near 1/7) and 1 - r with equal values. Both
# are listed, certified, as mirror images: the bounds of the one are those
# of the other with the strategies swapped, and the payoff bounds agree.
# The payoffs list the count of the others claiming A.
printf '{"type": "symmetric", "players": 7, "strategies": ["claim A", "claim B"], "payoffs": [[1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1]]}' >"$tmp/two.json"
expect 0 "" -- solve --method kantian "$tmp/two.json"
field '.result.count' "2"
field '[.result.equilibria[].exact]' "[false,false]"
field '.result.equilibria[0].bounds.strategy == (.result.equilibria[1].bounds.strategy | reverse)' "true"
field '.result.equilibria[0].bounds.payoff == .result.equilibria[1].bounds.payoff' "true"
field '.result.equilibria[1].bounds.strategy[0] | map(tonumber) | .[0] > 0.1429 and .[1] < 0.1430' "true"

# The payoff lists of a 3-strategy game with n players: for own strategy s,
# one payoff per count vector (c_1, c_2) of the others in lexicographic
# order (c_3 = n - 1 - c_1 - c_2), from the awk expression $2 in s, c1, c2,
# c3 and n.
payoffs3() {
    awk -v n="$1" 'function pay(s, c1, c2, c3) { return '"$2"' }
        BEGIN { for (s = 1; s <= 3; s++) {
                    printf "%s[", (s > 1 ? ", " : ""); sep = ""
                    for (c1 = 0; c1 < n; c1++)
                        for (c2 = 0; c1 + c2 < n; c2++) {
                            printf "%s%d", sep, pay(s, c1, c2, n - 1 - c1 - c2); sep = ", "
                        }
                    printf "]" } }'
}

# Platonia with two prizes and the option to refrain, n players:
# u = f(p_A) + f(p_B), f(t) = t (1 - t)^(n-1), maximal only at t = 1/n, so
# the optimum is (1/n, 1/n, (n-2)/n), value 2 (n-1)^(n-1) / n^n; its A-B
# edge is the game above, with equal irrational maxima.
# n = 7: 2 * 6^6 / 7^7 = 93312/823543; n = 12: 2 * 11^11 / 12^12
# = 285311670611/4458050224128.
for n in 7 12; do
    printf '{"type": "symmetric", "players": %d, "strategies": ["claim A", "claim B", "refrain"], "payoffs": [%s]}' \
        "$n" "$(payoffs3 "$n" 's == 1 ? (c1 == 0) : (s == 2 ? (c2 == 0) : 0)')" >"$tmp/platonia$n.json"
done
expect 0 "" -- solve --method kantian "$tmp/platonia7.json"
field '.result.count' "1"
field '.result.equilibria[0].strategies[0]' '["1/7","1/7","5/7"]'
field '.result.equilibria[0].payoffs[6]' "93312/823543"
field '.result.equilibria[0].exact' "true"
expect 0 "" -- solve --method kantian "$tmp/platonia12.json"
field '.result.equilibria[0].strategies[11]' '["1/12","1/12","5/6"]'
field '.result.equilibria[0].payoffs[0]' "285311670611/4458050224128"

finish "solve kantian ties"
