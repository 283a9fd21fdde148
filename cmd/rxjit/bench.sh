#!/usr/bin/env bash
# bench.sh times rxjit against ripgrep and GNU grep and prints a markdown
# table.
#
# Corpora:
#   big    a ~1 GB file made by repeating the rebar haystacks
#          (../shared/bench/rebar/benchmarks/haystacks), built under
#          $BENCH_DIR, never in the repository;
#   gosrc  $(go env GOROOT)/src, searched recursively.
# Patterns: a literal, a case-insensitive literal, an alternation of
# names, a word pattern (\w+\s+Holmes\s+\w+), a whole-word literal (-w), a
# Unicode class, and a literal that never matches.
# Every tool counts matching lines (-c), so output costs nothing and all do
# the same work. Output goes through a pipe: GNU grep stops at the first
# match, even with -c, when its output is /dev/null.
#
# ripgrep, GNU grep and hyperfine are installed from Debian packages when
# absent (run as root); without hyperfine a plain loop times the runs.
#
# Usage, from the repository root:
#   cmd/rxjit/bench.sh                 # everything
#   SIZE_MB=256 RUNS=5 cmd/rxjit/bench.sh
#   CORPORA=gosrc cmd/rxjit/bench.sh   # only the Go tree
#
# Environment:
#   BENCH_DIR  work directory (default /tmp/rxjit-bench)
#   SIZE_MB    size of the big file in MiB (default 1024)
#   RUNS       timed runs per command (default 3, after one warm-up)
#   CORPORA    "big gosrc" (default) or either one
#   HAYSTACKS  directory of rebar haystacks
#   ONLY       run only the patterns whose name matches this extended regex
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/rxjit-bench}
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
CORPORA=${CORPORA:-"big gosrc"}
ONLY=${ONLY:-}
HAYSTACKS=${HAYSTACKS:-$repo/../shared/bench/rebar/benchmarks/haystacks}
export LC_ALL=C.UTF-8

log() { printf '%s\n' "$*" >&2; }

# install_tools installs what is missing from Debian packages.
install_tools() {
	local need=()
	command -v rg >/dev/null || need+=(ripgrep)
	grep --version 2>/dev/null | grep -q 'GNU grep' || need+=(grep)
	command -v hyperfine >/dev/null || need+=(hyperfine)
	if ((${#need[@]})); then
		if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
			log "missing ${need[*]}; install them (Debian: apt-get install ${need[*]})"
		else
			log "installing ${need[*]}"
			apt-get update -qq >&2
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2 ||
				log "could not install ${need[*]}"
		fi
	fi
	command -v rg >/dev/null || { log "ripgrep is required"; exit 1; }
}

# build_big concatenates the text haystacks, each ending in a newline,
# until the file reaches SIZE_MB.
build_big() {
	local big=$BENCH_DIR/big.txt want=$((SIZE_MB * 1024 * 1024))
	if [[ -f $big && $(stat -c %s "$big") -ge $want ]]; then
		echo "$big"
		return
	fi
	log "building $big ($SIZE_MB MiB) from $HAYSTACKS"
	local unit=$BENCH_DIR/unit.txt
	: >"$unit"
	local f
	for f in sherlock.txt opensubtitles/en-sampled.txt opensubtitles/ru-sampled.txt \
		opensubtitles/zh-sampled.txt wild/UnicodeData-15.0.0.txt wild/parol-veryl.vl \
		wild/unstructured-to-json.log imported/rsc/1MB.txt; do
		cat "$HAYSTACKS/$f" >>"$unit"
		[[ $(tail -c1 "$unit") == "" ]] || echo >>"$unit"
	done
	local n=$(((want + $(stat -c %s "$unit") - 1) / $(stat -c %s "$unit")))
	: >"$big.tmp"
	for ((i = 0; i < n; i++)); do cat "$unit"; done >>"$big.tmp"
	mv "$big.tmp" "$big"
	rm -f "$unit"
	echo "$big"
}

# patterns: name, then the pattern, then the flags shared by all tools.
# GNU grep runs with -E except where only -P understands the syntax.
patterns=(
	"literal|Sherlock Holmes|"
	"literal -i|sherlock holmes|-i"
	"alternation|Sherlock|Holmes|Watson|Irene|Adler|John|Baker|"
	"word|\\w+\\s+Holmes\\s+\\w+|"
	"whole word -w|Holmes|-w"
	"unicode class|\\p{Greek}+|"
	"no match|qwertyuiopzxcv|"
)

# split_pattern sets name, pat and flags from one entry of patterns.
split_pattern() {
	local e=$1
	name=${e%%|*}
	e=${e#*|}
	flags=${e##*|}
	pat=${e%|*}
}

# time_cmd prints the mean seconds of running "$@" RUNS times.
time_cmd() {
	if command -v hyperfine >/dev/null; then
		local csv
		csv=$(mktemp)
		# Output goes through a pipe: GNU grep stops at the first match,
		# even with -c, when its output is /dev/null.
		hyperfine -N --output=pipe --warmup 1 --runs "$RUNS" -i --export-csv "$csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 ||
			hyperfine --output=pipe --warmup 1 --runs "$RUNS" -i --export-csv "$csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
		awk -F, 'NR==2 {printf "%.3f ± %.3f", $(NF-6), $(NF-5)}' "$csv"
		rm -f "$csv"
		return
	fi
	"$@" 2>/dev/null | cat >/dev/null
	local t0 t1 i
	t0=$(date +%s%N)
	for ((i = 0; i < RUNS; i++)); do "$@" 2>/dev/null | cat >/dev/null; done
	t1=$(date +%s%N)
	awk -v d=$((t1 - t0)) -v n="$RUNS" 'BEGIN {printf "%.3f", d / n / 1e9}'
}

# total sums the counts a -c run prints ("N" or "file:N" lines).
total() { "$@" 2>/dev/null | awk -F: '{s += $NF} END {print s + 0}'; }

main() {
	mkdir -p "$BENCH_DIR"
	install_tools
	log "building rxjit"
	(cd "$repo" && go build -o "$BENCH_DIR/rxjit" ./cmd/rxjit)
	local rx=$BENCH_DIR/rxjit
	local gosrc
	gosrc=$(go env GOROOT)/src

	echo "$("$rx" --version | head -1) ($("$rx" --version | sed -n 2p)); $(rg --version | head -1); $(grep --version | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| corpus | pattern | rxjit (s) | ripgrep (s) | GNU grep (s) | lines (rxjit / rg / grep) |"
	echo "|---|---|---|---|---|---|"
	local corpus target
	for corpus in $CORPORA; do
		local rflag=()
		case $corpus in
		big) target=$(build_big) ;;
		gosrc) target=$gosrc rflag=(-r) ;;
		*) log "unknown corpus $corpus"; exit 2 ;;
		esac
		for e in "${patterns[@]}"; do
			split_pattern "$e"
			[[ -z $ONLY || $name =~ $ONLY ]] || continue
			local gsyn=-E
			[[ $pat == *'\p{'* ]] && gsyn=-P
			local f=()
			[[ -n $flags ]] && f=($flags)
			local rxc=("$rx" -c "${f[@]}" -e "$pat" "$target")
			local rgc=(rg -c "${f[@]}" -e "$pat" "$target")
			local grc=(grep "$gsyn" "${rflag[@]}" -c "${f[@]}" -e "$pat" "$target")
			log "$corpus: $name"
			printf '| %s | %s `%s` | %s | %s | %s | %s / %s / %s |\n' "$corpus" "$name" "${pat//|/\\|}" \
				"$(time_cmd "${rxc[@]}")" "$(time_cmd "${rgc[@]}")" "$(time_cmd "${grc[@]}")" \
				"$(total "${rxc[@]}")" "$(total "${rgc[@]}")" "$(total "${grc[@]}")"
		done
	done
}

main "$@"
