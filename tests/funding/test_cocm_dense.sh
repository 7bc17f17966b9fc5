#!/bin/bash
# funding.cocm against a dense, literal evaluation of its two definitions
# (tests/funding/cocm_dense.py: every contributor, group and pair, the
# paper's connection test done in full, Gitcoin's walk as matrix
# products) on seeded random rounds, with project groups and with given
# groups. Agreement to 1e-6 relative checks the sparse evaluation, the
# paper's closed form for project groups and the reading of the groups.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
command -v python3 >/dev/null || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for seed in 1 2 3 4; do
    for groups in projects column; do
        (cd "$tmp" && python3 "$MECHKIT_SOURCE_DIR/tests/funding/cocm_dense.py" "$MECHKIT" "$seed" "$groups") ||
            status=1
    done
done
exit $status
