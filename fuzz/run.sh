#!/bin/sh
# run.sh fuzzes rxjit's differential targets for a long time, one target
# after another, and prints each run's final statistics.
#
# Usage: fuzz/run.sh [-t DURATION] [-p WORKERS] [-m DURATION] [TARGET...]
#
#   -t DURATION  fuzzing time per target, as go test -fuzztime takes it
#                (10m, 1h, or 100000x for a number of executions); default 10m
#   -p WORKERS   fuzzing worker processes (go test -parallel); default 1
#   -m DURATION  time go test may spend minimizing each new input
#                (-fuzzminimizetime); default 0, so that the targets keep
#                fuzzing: minimizing inputs of hundreds of KiB stalled them.
#                A failing input is saved all the same; minimize it on
#                demand with -m 60s and that target alone.
#   TARGET       FuzzCompile, FuzzMatch, FuzzRegexp2; default all three
#
# New failing inputs are written by go test to fuzz/testdata/fuzz/TARGET/,
# where they become regression seeds once committed; the full output of
# each run is kept in $TMPDIR/rxjit-fuzz-TARGET.log. The script stops at
# the first target that fails and exits with its status.
set -eu

duration=10m
workers=1
minimize=0
while getopts t:p:m:h opt; do
	case $opt in
	t) duration=$OPTARG ;;
	p) workers=$OPTARG ;;
	m) minimize=$OPTARG ;;
	*)
		sed -n '2,20s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- FuzzCompile FuzzMatch FuzzRegexp2

cd "$(dirname "$0")/.."
for target in "$@"; do
	log="${TMPDIR:-/tmp}/rxjit-fuzz-$target.log"
	echo "== $target for $duration with $workers worker(s); log: $log"
	status=0
	go test ./fuzz -run='^$' -fuzz="^$target\$" -fuzztime="$duration" \
		-fuzzminimizetime="$minimize" -parallel="$workers" >"$log" 2>&1 || status=$?
	# The last progress line, and the average rate over the whole run
	# (the rate go test prints covers the last three seconds only).
	grep 'fuzz: elapsed' "$log" | tail -n 1 | awk '{
		print
		t = $3; secs = 0
		if (match(t, /[0-9]+h/)) secs += 3600 * substr(t, RSTART, RLENGTH - 1)
		if (match(t, /[0-9]+m/)) secs += 60 * substr(t, RSTART, RLENGTH - 1)
		if (match(t, /[0-9]+s/)) secs += substr(t, RSTART, RLENGTH - 1)
		n = $5; sub(/,/, "", n)
		if (secs > 0) printf "average: %d execs in %ds, %d execs/sec\n", n, secs, n / secs
	}'
	if [ "$status" -ne 0 ]; then
		grep -v '^fuzz: elapsed' "$log" | tail -n 40
		echo "== $target FAILED (exit status $status)"
		exit "$status"
	fi
	echo "== $target passed"
done
