# Writes N survey respondents for the built-in h2h deck as CSV, the same
# bytes for the same N and SEED: 20 teams, answers 0..10, about 4% blank
# cells, check-in ratings 1..5.
#   mawk -v N=1000000 -v SEED=1 -f gen_responses.awk > responses.csv
BEGIN {
  if (N == "") N = 1000
  if (SEED == "") SEED = 1
  state = SEED
  split("transparency sustainability workload growth guidance", D, " ")
  split("autonomy belonging competence", K, " ")
  header = "respondent,team"
  for (d = 1; d <= 5; d++) header = header "," D[d] ".a," D[d] ".b"
  for (k = 1; k <= 3; k++) header = header ",checkin." K[k]
  print header
  for (i = 1; i <= N; i++) {
    line = "r" i ",team-" (next_int(20) + 1)
    for (d = 1; d <= 5; d++) {
      if (next_int(25) == 0) { line = line ",,"; continue }
      line = line "," next_int(11) "," next_int(11)
    }
    for (k = 1; k <= 3; k++) line = line "," (next_int(10) == 0 ? "" : next_int(5) + 1)
    print line
  }
}
# A linear congruential generator: portable across awks, unlike rand().
function next_int(n) {
  state = (state * 1103515245 + 12345) % 2147483648
  return int(state / 65536) % n
}
