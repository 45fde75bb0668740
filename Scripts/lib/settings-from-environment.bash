# Sourced by the benchmark scripts, whose settings come from the environment only, right after
# their `set -euo pipefail` with the script's own arguments: `source ... "$@"`. An argument
# prints the script's header comment (line 2 up to `set -euo`) rather than start minutes of
# runs, and is an error (exit 64, naming it) unless it asks for help (-h, --help: exit 0).
if (($#)); then
    usage=$(sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0")
    case $1 in -h | --help) printf '%s\n' "$usage"; exit 0 ;; esac
    printf '%s\n\n%s: settings come from the environment, not arguments (got %s)\n' "$usage" "${0##*/}" "$1" >&2
    exit 64
fi
