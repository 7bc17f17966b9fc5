"""Dense evaluation of funding.cocm's two definitions on a seeded random
round, compared with `mechkit run funding.cocm` (see test_cocm_dense.sh).

Usage: cocm_dense.py MECHKIT SEED projects|column. Writes r.csv in the
current directory; exits 1 on a mismatch."""
import json
import math
import random
import subprocess
import sys

mechkit, seed, groups = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
P, N, G = 6, 25, 5
rows, member = [], {}
for i in range(N):
    user = f"u{i}"
    member[user] = sorted(rng.sample(range(G), rng.randint(1, 2)))
    for p in rng.sample(range(P), rng.randint(1, 4)):
        rows.append((user, f"p{p}", rng.choice([1, 2, 5, 10, 25, 100]) * rng.randint(1, 3)))
with open("r.csv", "w") as f:
    f.write("contributor,project,amount,groups\n")
    for user, project, amount in rows:
        f.write(f"{user},{project},{amount},{';'.join(f'g{g}' for g in member[user])}\n")
users = sorted({r[0] for r in rows})
projects = sorted({r[1] for r in rows})
D = {u: {p: 0.0 for p in projects} for u in users}
for user, project, amount in rows:
    D[user][project] += amount
if groups == "projects":
    clusters = projects
else:
    clusters = sorted({g for u in users for g in member[u]})


def strength(u, g, variant):
    """Membership of u in g: amounts (gitcoin on projects) or 0/1."""
    if groups == "projects":
        return D[u][g] if variant == "gitcoin" else float(D[u][g] > 0)
    return float(g in member[u])


def cocm(variant):
    M = {u: {g: strength(u, g, variant) for g in clusters} for u in users}
    W = {u: {g: M[u][g] / sum(M[u].values()) for g in clusters} for u in users}
    if variant == "gitcoin":
        col = {g: sum(M[u][g] for u in users) for g in clusters}
        PJP = {g: {h: sum(M[u][g] / col[g] * W[u][h] for u in users) for h in clusters}
               for g in clusters}
        k = {u: {h: 1.0 if M[u][h] > 0 else sum(W[u][g] * PJP[g][h] for g in clusters)
                 for h in clusters} for u in users}
    else:
        friends = {u: {j for j in users if any(M[u][g] > 0 and M[j][g] > 0 for g in clusters)}
                   for u in users}
        connected = {u: {h: any(M[j][h] > 0 for j in friends[u]) for h in clusters}
                     for u in users}
    match = {}
    for p in projects:
        if variant == "gitcoin":
            K = {u: {h: (1 - k[u][h]) * D[u][p] for h in clusters} for u in users}
        else:
            K = {u: {h: math.sqrt(D[u][p]) if connected[u][h] else D[u][p] for h in clusters}
                 for u in users}
        S = {g: {h: sum(W[u][g] * K[u][h] for u in users) for h in clusters} for g in clusters}
        match[p] = sum(math.sqrt(max(S[g][h] * S[h][g], 0.0))
                       for g in clusters for h in clusters if g != h)
    return match


ok = True
for variant in ("paper", "gitcoin"):
    want = cocm(variant)
    out = json.loads(subprocess.check_output(
        [mechkit, "run", "funding.cocm", "-p", "pool=1000", "-p", "scale=6", "-p",
         f"variant={variant}", "-p", f"groups={groups}", "r.csv"]))
    for item in out["result"]["projects"]:
        got, exp = float(item["ideal_match"]), want[item["project"]]
        if abs(got - exp) > 2e-6 * max(1.0, exp):
            ok = False
            print(f"FAIL seed {seed} {groups} {variant} {item['project']}: {got} != {exp}")
sys.exit(0 if ok else 1)
