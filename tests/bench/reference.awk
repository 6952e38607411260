# The reference aggregation for the batch benchmark, in plain awk: the same
# integer figures that h2h report --by team --format json computes from the
# built-in h2h deck's response CSV (tests/bench/gen_responses.awk), printed
# as "group key value" lines, sorted by the caller. Weights are the deck's.
BEGIN {
  FS = ","
  split("transparency sustainability workload growth guidance", D, " ")
  split("autonomy belonging competence", K, " ")
  # wA[d,k], wB[d,k]: the built-in deck's weights (dilemmas/h2h.yaml)
  split("2 3 1  0 0 1  0 1 2  2 0 3  3 1 2", WA, " ")
  split("0 0 1  2 2 1  2 3 2  1 3 1  0 2 3", WB, " ")
}
NR == 1 { next }
{
  # Numeric keys (group x 16 + dilemma) keep awk's arrays cheap.
  g = $2
  gi = gid[g]
  if (gi == "") { gi = gid[g] = ++groups; gname[gi] = g }
  participants[gi]++
  base = gi * 16
  for (d = 1; d <= 5; d++) {
    a = $(2 * d + 1); b = $(2 * d + 2)
    if (a == "" || b == "") continue
    a += 0; b += 0
    key = base + d
    n[key]++; sa[key] += a; qa[key] += a * a; sb[key] += b; qb[key] += b * b
    sm[key] += (a < b ? a : b)
    if (a >= 7) z = (b >= 7 ? 1 : (b <= 4 ? 2 : 6))
    else if (b >= 7) z = (a <= 4 ? 3 : 6)
    else if (a >= 4 && b >= 4) z = 4
    else if (a <= 3 && b <= 3) z = 5
    else z = 6
    zone[key * 8 + z]++
    i = (d - 1) * 3
    num[base + 1] += a * WA[i + 1] + b * WB[i + 1]; den[base + 1] += 10 * (WA[i + 1] + WB[i + 1])
    num[base + 2] += a * WA[i + 2] + b * WB[i + 2]; den[base + 2] += 10 * (WA[i + 2] + WB[i + 2])
    num[base + 3] += a * WA[i + 3] + b * WB[i + 3]; den[base + 3] += 10 * (WA[i + 3] + WB[i + 3])
  }
  for (k = 1; k <= 3; k++) {
    r = $(12 + k)
    if (r == "") continue
    cn[base + k]++; cs[base + k] += r; cq[base + k] += r * r
  }
}
END {
  split("en-en a b compromise neither mixed", Z, " ")
  for (gi = 1; gi <= groups; gi++) {
    g = gname[gi]
    base = gi * 16
    print g, "participants", participants[gi]
    for (d = 1; d <= 5; d++) {
      key = base + d
      p = g " " D[d]
      print p ".n", n[key] + 0
      print p ".a.sum", sa[key] + 0; print p ".a.sumsq", qa[key] + 0
      print p ".b.sum", sb[key] + 0; print p ".b.sumsq", qb[key] + 0
      print p ".sum_min", sm[key] + 0
      for (j = 1; j <= 6; j++) print p ".classes." Z[j], zone[key * 8 + j] + 0
    }
    for (k = 1; k <= 3; k++) {
      p = g " " K[k]
      print p ".numerator", num[base + k] + 0
      print p ".denominator", den[base + k] + 0
      print p ".checkin.n", cn[base + k] + 0
      print p ".checkin.sum", cs[base + k] + 0
      print p ".checkin.sumsq", cq[base + k] + 0
    }
  }
}
