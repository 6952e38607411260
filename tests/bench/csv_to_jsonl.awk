# Turns gen_responses.awk's CSV into the same respondents as JSON Lines, one
# object per line, as survey tools export them: every column a key, numbers
# as numbers, blank cells as null.
#   mawk -F, -f csv_to_jsonl.awk responses.csv > responses.jsonl
NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
{
  line = "{\"" name[1] "\": \"" $1 "\", \"" name[2] "\": \"" $2 "\""
  for (i = 3; i <= NF; i++) line = line ", \"" name[i] "\": " ($i == "" ? "null" : $i)
  print line "}"
}
