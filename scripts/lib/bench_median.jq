# Combines repeated runs of a load tool (jq -s: an array of its JSON reports, one shape) into one
# report of that shape: every number is the median of that number over the runs that have it
# (rounded to 3 decimals), except the counts under .errors, which are the largest of the runs'.
# Strings and nulls come from the first run. Used by bench_ws.sh and bench_mqtt.sh.
def median:
  map(select(. != null)) | sort
  | if length == 0 then null
    elif length % 2 == 1 then .[length / 2 | floor]
    else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def r3: if . == null then null else (. * 1000 | round) / 1000 end;

. as $runs
| reduce ([$runs[] | paths(numbers)] | unique)[] as $path ($runs[0];
    setpath($path;
      $runs | map(getpath($path))
      | if $path[0] == "errors" then map(select(. != null)) | max else median | r3 end))
