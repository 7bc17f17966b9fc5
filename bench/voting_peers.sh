#!/usr/bin/env bash
# bench/voting_peers.sh: mechkit against its named peer, pref_voting (the
# reference Python library), on the same files (issue 5, Speed).
#
#   bench/voting_peers.sh [BUILD_DIR]       (default build/release)
#
# Writes the benchmark's impartial-culture elections as PrefLib .soc files
# with BUILD_DIR/bench/voting_profile (20 candidates x 100,000 ballots, seed
# 2026, the profile of bench/voting and bench/stv; and the same on 10
# candidates for Kemeny-Young), then times `mechkit run voting.RULE FILE`
# end to end (read + count + JSON output; STV with 10 seats), best of
# REPEAT runs (default 3: the machine may be shared). Then it runs
# bench/peers/pref_voting_bench.py with $PYTHON (default python3) on the
# same files, each peer run capped at PEER_TIMEOUT seconds (default 120),
# and prints one table with the speed-up. When pref_voting is not
# importable the peer columns say so and the install command is printed:
# pref_voting is run, never linked or vendored.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
mechkit=$build/mechkit
profile=$build/bench/voting_profile
python=${PYTHON:-python3}
repeat=${REPEAT:-3}
timeout=${PEER_TIMEOUT:-120}
seats=10
for exe in "$mechkit" "$profile"; do
    if [ ! -x "$exe" ]; then
        echo "voting_peers: no $exe (configure with -DMECHKIT_BENCH=ON and build)" >&2
        exit 2
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
big=$work/ic20.soc
small=$work/ic10.soc
"$profile" "$big" 20 100000 2026
"$profile" "$small" 10 100000 2026
echo "files: $(basename "$big") (20 candidates x 100,000 ballots, seed 2026)," \
    "$(basename "$small") (10 candidates, same seed); best of $repeat"

# The rules in the peer script's order: rule and file.
runs=(plurality:"$big" borda:"$big" irv:"$big" schulze:"$big" ranked_pairs:"$big"
    copeland:"$big" minimax:"$big" kemeny:"$small" kemeny:"$big"
    stv_scottish:"$big" stv_meek:"$big")

now() { date +%s.%N; }

# Best wall time of $repeat runs of `mechkit run voting.$1 $2`.
time_mechkit() {
    local rule=$1 file=$2 best="" t0 t1 args=()
    case $rule in stv_*) args=(-p "seats=$seats") ;; esac
    for _ in $(seq "$repeat"); do
        t0=$(now)
        "$mechkit" run "voting.$rule" "${args[@]}" "$file" >"$work/out.json"
        t1=$(now)
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
            'BEGIN { t = b - a; if (best == "" || t < best) best = t; printf "%.3f", best }')
    done
    echo "$best"
}

# The winners of the last mechkit run, as candidate numbers in order: the
# result's first "winners" array (names c1..cM, as voting_profile writes).
mechkit_winners() {
    awk '/"winners": \[/ { on = 1 }
        on { line = line $0 }
        on && /\]/ { exit }
        END { n = split(line, part, /[^0-9c]+/)
              for (i = 1; i <= n; i++) if (part[i] ~ /^c[0-9]+$/) out = out sub_(part[i]) " "
              print out }
        function sub_(s) { return substr(s, 2) }' "$work/out.json" |
        tr ' ' '\n' | grep . | sort -n | paste -sd' ' -
}

peer=$work/peer.txt
"$python" "$here/peers/pref_voting_bench.py" --timeout "$timeout" --repeat "$repeat" \
    --seats "$seats" "$big" "$small" >"$peer" || echo "pref_voting: failed" >"$peer"
skipped=$(grep -v '^pref_voting [a-z_]* ' "$peer" || true)

printf '%-14s %-10s %12s %16s %10s  %s\n' rule file "mechkit (s)" "pref_voting (s)" speed-up \
    "winners: mechkit / pref_voting"
for run in "${runs[@]}"; do
    rule=${run%%:*}
    file=${run#*:}
    name=$(basename "$file")
    ours=$(time_mechkit "$rule" "$file")
    ours_won=$(mechkit_winners)
    theirs=$(awk -v r="$rule" -v f="$name" '$1 == "pref_voting" && $2 == r && $3 == f { print $4 }' "$peer")
    theirs_won=$(awk -v r="$rule" -v f="$name" '$1 == "pref_voting" && $2 == r && $3 == f && /winners:/ {
        sub(/.*winners: */, ""); print }' "$peer" | tr ' ' '\n' | grep . | sort -n | paste -sd' ' - || true)
    speedup=$(awk -v a="$ours" -v b="${theirs:-}" 'BEGIN {
        if (b == "" || b == "none") print "-";
        else if (substr(b, 1, 1) == ">") printf ">%.3gx\n", substr(b, 2) / a;
        else printf "%.3gx\n", b / a }')
    printf '%-14s %-10s %12s %16s %10s  %s / %s\n' "$rule" "$name" "$ours" "${theirs:--}" \
        "$speedup" "$ours_won" "${theirs_won:--}"
done
if [ -n "$skipped" ]; then
    echo "$skipped"
fi
