#!/usr/bin/env bash
# Whole-tool comparison: newsdex against tantivy-cli and ripgrep on the same
# articles in the same run. See benches/README.md.
#
#   benches/compare.sh --mb 100              # 100 MB generated from the BBC corpus
#   benches/compare.sh --mb 1000             # 1 GB
#   benches/compare.sh --corpus DIR          # raw news files as they are
#
# Writes benches/results/YYYY-MM-DD-<label>.md (medians, ratios, the machine)
# and the hyperfine JSON next to it as YYYY-MM-DD-<label>.json.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCHES="$ROOT/benches"

MB=100
SEED=7
FROM="$ROOT/../shared/corpora/bbc"
CORPUS=""
LABEL=""
THREADS=2
MEMORY_MB=200
INDEX_RUNS=3
QUERY_RUNS=10
SKIP_BUILD=0
TERMS="government economy film"
TANTIVY_CLI_VERSION=${TANTIVY_CLI_VERSION:-0.24.0}
WORK="$BENCHES/.data"
TOOLS="$BENCHES/.tools"

usage() {
    cat <<EOF
usage: benches/compare.sh [--mb N | --corpus DIR] [options]

  --mb N            generate N MB of news from --from (default $MB)
  --from DIR        source corpus of the generator (default ../shared/corpora/bbc)
  --seed N          generator seed (default $SEED)
  --corpus DIR      benchmark these raw files instead of generating
  --label NAME      results file name part (default <N>mb or the corpus folder)
  --threads N       indexing threads for both tools (default $THREADS)
  --memory MB       indexing memory budget for both tools (default $MEMORY_MB)
  --index-runs N    hyperfine runs per indexing command (default $INDEX_RUNS)
  --query-runs N    minimum hyperfine runs per query command (default $QUERY_RUNS)
  --terms "A B C"   the single-term queries (default "$TERMS")
  --skip-build      use the release binaries already built
  --work DIR        where corpora, exports and indexes go (default benches/.data)
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --mb) MB=$2; shift 2 ;;
        --from) FROM=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --corpus) CORPUS=$2; shift 2 ;;
        --label) LABEL=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --memory) MEMORY_MB=$2; shift 2 ;;
        --index-runs) INDEX_RUNS=$2; shift 2 ;;
        --query-runs) QUERY_RUNS=$2; shift 2 ;;
        --terms) TERMS=$2; shift 2 ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --work) WORK=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

say() { printf '\n== %s\n' "$*" >&2; }

# --- what the script needs -------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rg >/dev/null || missing+=(ripgrep)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v jq >/dev/null || missing+=(jq)
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "compare.sh: missing ${missing[*]}; install with: apt-get install ${missing[*]}" >&2
    exit 2
fi
command -v cargo >/dev/null || { echo "compare.sh: cargo not found (install Rust: rustup)" >&2; exit 2; }

# --- build -----------------------------------------------------------------
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
NEWSDEX="$TARGET_DIR/release/newsdex"
EVAL="$TARGET_DIR/release/newsdex-eval"
if [[ $SKIP_BUILD -eq 0 ]]; then
    say "building newsdex (release)"
    (cd "$ROOT" && cargo build --release -p newsdex-cli -p newsdex-eval)
fi
[[ -x $NEWSDEX && -x $EVAL ]] || { echo "compare.sh: no release build in $TARGET_DIR" >&2; exit 2; }

TANTIVY="$TOOLS/bin/tantivy"
if [[ ! -x $TANTIVY ]]; then
    say "installing tantivy-cli $TANTIVY_CLI_VERSION into benches/.tools"
    # Not --locked: the lock file of 0.24.0 pins traitobject 0.1.0, which no
    # longer compiles; the newest compatible dependencies do.
    cargo install tantivy-cli --version "$TANTIVY_CLI_VERSION" --root "$TOOLS"
fi

# --- the corpus ------------------------------------------------------------
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
if [[ -n $CORPUS ]]; then
    [[ -d $CORPUS ]] || { echo "compare.sh: no corpus at $CORPUS" >&2; exit 2; }
    CORPUS=$(cd "$CORPUS" && pwd)
    LABEL=${LABEL:-$(basename "$CORPUS")}
    DESCRIBED="the files of \`$(basename "$CORPUS")\` as they are"
else
    [[ -d $FROM ]] || {
        echo "compare.sh: no source corpus at $FROM (pass --from DIR, or --corpus DIR)" >&2
        exit 2
    }
    FROM=$(cd "$FROM" && pwd)
    LABEL=${LABEL:-${MB}mb}
    CORPUS="$WORK/gen-$(basename "$FROM")-${MB}mb-seed$SEED"
    DESCRIBED="$MB MB generated from \`$(basename "$FROM")\` with seed $SEED (\`newsdex-eval generate\`)"
    if [[ ! -f $CORPUS.done ]]; then
        say "generating $MB MB from $FROM (seed $SEED)"
        rm -rf "$CORPUS"
        "$EVAL" generate --from "$FROM" --mb "$MB" --seed "$SEED" --out "$CORPUS"
        touch "$CORPUS.done"
    fi
fi
RUN="$WORK/run-$LABEL"
mkdir -p "$RUN"
RAW_BYTES=$(find -L "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
RAW_FILES=$(find -L "$CORPUS" -type f | wc -l)

# --- title + body NDJSON of the same articles, and tantivy-cli's schema ----
NDJSON="$RUN/articles.ndjson"
if [[ ! -s $NDJSON || $NDJSON -ot $NEWSDEX ]]; then
    say "exporting title + body NDJSON with newsdex extract --json"
    # The top-level folders are shared out among $THREADS processes, each
    # piping into its own jq (an export, not a measurement).
    mapfile -t entries < <(find -L "$CORPUS" -mindepth 1 -maxdepth 1 | sort)
    pids=()
    for ((k = 0; k < THREADS; k++)); do
        group=()
        for ((j = k; j < ${#entries[@]}; j += THREADS)); do group+=("${entries[j]}"); done
        [[ ${#group[@]} -gt 0 ]] || continue
        # Unreadable files are reported in the log, and are no reason to stop.
        ({ "$NEWSDEX" extract --json "${group[@]}" 2>"$RUN/extract.$k.log" || true; } \
            | jq -c 'select(.type == "article") | {title: (.title // ""), body: .text}' \
            >"$NDJSON.part$k") &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    cat "$NDJSON".part* >"$NDJSON"
    rm -f "$NDJSON".part*
fi
NDJSON_BYTES=$(stat -c %s "$NDJSON")
ARTICLES=$(wc -l <"$NDJSON")

# Title stored (tantivy search prints the stored fields of every hit), body
# indexed with positions for phrase queries, not stored.
cat >"$RUN/meta.json" <<'EOF'
{
  "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
  "segments": [],
  "schema": [
    {"name": "title", "type": "text", "options": {
      "indexing": {"record": "position", "fieldnorms": true, "tokenizer": "default"},
      "stored": true, "fast": false}},
    {"name": "body", "type": "text", "options": {
      "indexing": {"record": "position", "fieldnorms": true, "tokenizer": "default"},
      "stored": false, "fast": false}}
  ],
  "opstamp": 0
}
EOF

N_INDEX="$RUN/newsdex-index"
T_INDEX="$RUN/tantivy-index"
N_CMD="$NEWSDEX --index $N_INDEX index $CORPUS --threads $THREADS --memory $MEMORY_MB --quiet"
# GNU time records each run's peak RSS (in KB) without another run; newsdex
# exits with 3 when some files could not be read, which is still a run.
N_RUN="/usr/bin/time -f %M -a -o $RUN/newsdex.rss $N_CMD || test \$? -eq 3"
T_PREP="rm -rf $T_INDEX && mkdir -p $T_INDEX && cp $RUN/meta.json $T_INDEX/"
T_CMD="$TANTIVY index -i $T_INDEX -f $NDJSON -t $THREADS -m $((MEMORY_MB * 1000000))"
# extract reads files on rayon's pool; the same number of threads.
X_CMD="RAYON_NUM_THREADS=$THREADS $NEWSDEX extract --json $CORPUS >/dev/null 2>&1 || test \$? -eq 3"
T_RUN="/usr/bin/time -f %M -a -o $RUN/tantivy.rss $T_CMD"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- indexing --------------------------------------------------------------
say "indexing: $INDEX_RUNS runs each"
rm -f "$RUN/newsdex.rss" "$RUN/tantivy.rss"
# The indexes of the last runs stay for the queries. newsdex-extract reads
# and extracts the same files without indexing them: the part of newsdex's
# time that tantivy-cli has no counterpart for.
hyperfine --runs "$INDEX_RUNS" --export-json "$RUN/index.json" \
    --prepare "rm -rf $N_INDEX" -n newsdex "$N_RUN" \
    --prepare "$T_PREP" -n tantivy-cli "$T_RUN" \
    --prepare true -n newsdex-extract "$X_CMD" >&2
peak_kb() { grep -E '^[0-9]+$' "$1" | sort -n | tail -1; }
N_RSS_KB=$(peak_kb "$RUN/newsdex.rss")
T_RSS_KB=$(peak_kb "$RUN/tantivy.rss")

say "re-indexing the unchanged corpus"
hyperfine --runs "$INDEX_RUNS" --export-json "$RUN/reindex.json" -n newsdex-reindex \
    "$N_CMD || test \$? -eq 3" >&2

N_INDEX_BYTES=$(du -sb "$N_INDEX" | cut -f1)
T_INDEX_BYTES=$(du -sb "$T_INDEX" | cut -f1)

# --- queries ---------------------------------------------------------------
# The most mentioned person, for the entity filter.
PERSON=$("$NEWSDEX" --index "$N_INDEX" entities --kind person -n 1 --json | jq -r '.name' | head -1)
read -r -a TERM_LIST <<<"$TERMS"
T1=${TERM_LIST[0]}

# name | newsdex args | tantivy query | rg command
QUERIES=()
for term in "${TERM_LIST[@]}"; do
    QUERIES+=("term-$term|$(printf '%q' "$term")|$(printf '%q' "$term")|rg -i -l -w $(printf '%q' "$term") $CORPUS")
done
QUERIES+=("phrase|$(printf '%q' '"prime minister"')|$(printf '%q' '"prime minister"')|rg -i -l 'prime\\s+minister' $CORPUS")
QUERIES+=("boolean|$(printf '%q' '+oil +prices -opec')|$(printf '%q' '+oil +prices -opec')|rg -i -l -w -0 oil $CORPUS | xargs -0 -r rg -i -l -w -0 prices | xargs -0 -r rg -i --files-without-match -w opec")
QUERIES+=("person|--person $(printf '%q' "$PERSON") $(printf '%q' "$T1")|$(printf '%q' "+\"$PERSON\" +$T1")|rg -i -l -F -0 $(printf '%q' "$PERSON") $CORPUS | xargs -0 -r rg -i -l -w $(printf '%q' "$T1")")

QUERY_JSON=()
for spec in "${QUERIES[@]}"; do
    IFS='|' read -r name n_args t_query rg_cmd <<<"$spec"
    say "query $name"
    # rg and tantivy exit 1 when nothing matches; that is a result, not a failure.
    hyperfine --warmup 2 --min-runs "$QUERY_RUNS" -i --export-json "$RUN/query-$name.json" \
        -n newsdex "$NEWSDEX --index $N_INDEX search $n_args --color never" \
        -n tantivy-cli "$TANTIVY search -i $T_INDEX -q $t_query" \
        -n rg "$rg_cmd" >&2
    QUERY_JSON+=("$RUN/query-$name.json")
done

# Hit counts of each tool per query.
hits() {
    local name=$1 n_args=$2 t_query=$3 rg_cmd=$4
    local n t r
    n=$(eval "$NEWSDEX --index $N_INDEX search $n_args --json -n 1" 2>/dev/null \
        | jq -r 'select(.type == "summary") | .total' || true)
    t=$(eval "$TANTIVY search -i $T_INDEX -q $t_query" 2>/dev/null | wc -l || true)
    r=$(eval "$rg_cmd" 2>/dev/null | wc -l || true)
    echo "${n:-?} ${t:-?} ${r:-?}"
}

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- results ---------------------------------------------------------------
say "writing results"
DATE=$(date +%F)
mkdir -p "$BENCHES/results"
OUT_MD="$BENCHES/results/$DATE-$LABEL.md"
OUT_JSON="$BENCHES/results/$DATE-$LABEL.json"

# The queries' hyperfine results go through a file: fast commands get many
# runs, and their timings can exceed the length of a command line.
for f in "${QUERY_JSON[@]}"; do
    jq -c --arg name "$(basename "$f" .json | sed 's/^query-//')" '{($name): .}' "$f"
done | jq -s 'add' >"$RUN/queries.json"
jq -n \
    --slurpfile index "$RUN/index.json" \
    --slurpfile reindex "$RUN/reindex.json" \
    --slurpfile queries "$RUN/queries.json" \
    '{index: $index[0], reindex: $reindex[0], queries: $queries[0]}' >"$OUT_JSON"

median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median' "$1"; }
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }

N_IDX=$(median "$RUN/index.json" newsdex)
T_IDX=$(median "$RUN/index.json" tantivy-cli)
X_IDX=$(median "$RUN/index.json" newsdex-extract)
X_TIMES=$(calc %.1f "$X_IDX / $T_IDX")
BUDGET=$(calc %.2f "$T_IDX / 0.7")
X_SHARE=$(calc %.0f "100 * $X_IDX / $N_IDX")
RE_IDX=$(median "$RUN/reindex.json" newsdex-reindex)
RAW_MB=$(calc %.1f "$RAW_BYTES / 1e6")
NDJSON_MB=$(calc %.1f "$NDJSON_BYTES / 1e6")
N_MBS=$(calc %.2f "$RAW_BYTES / 1e6 / $N_IDX")
T_MBS=$(calc %.2f "$NDJSON_BYTES / 1e6 / $T_IDX")
IDX_RATIO=$(calc %.2f "$T_IDX / $N_IDX")
RE_RATIO=$(calc %.1f "100 * $RE_IDX / $N_IDX")
SIZE_RATIO=$(calc %.2f "$N_INDEX_BYTES / $RAW_BYTES")
T_SIZE_RATIO=$(calc %.2f "$T_INDEX_BYTES / $RAW_BYTES")
N_RSS_MB=$(calc %.0f "$N_RSS_KB / 1024")
T_RSS_MB=$(calc %.0f "$T_RSS_KB / 1024")

verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }

{
    echo "# newsdex vs tantivy-cli vs ripgrep: $LABEL, $DATE"
    echo
    echo "Made by \`benches/compare.sh\`; hyperfine JSON in \`$(basename "$OUT_JSON")\`."
    echo
    echo "## Machine"
    echo
    echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores online"
    echo "- RAM: $(free -g | awk '/^Mem:/ {print $2}') GiB; kernel $(uname -r)"
    echo "- $(rustc -V); tantivy-cli $("$TANTIVY" --version 2>/dev/null | awk '{print $NF}'); $(hyperfine --version); $(rg --version | head -1)"
    echo "- newsdex $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
    echo "- load average (1, 5, 15 min): $LOAD_BEFORE before, $LOAD_AFTER after"
    echo
    echo "## Corpus"
    echo
    echo "$DESCRIBED: $RAW_FILES files, $RAW_BYTES bytes ($RAW_MB MB), $ARTICLES articles."
    echo "tantivy-cli indexes the title and body of the same articles, exported with"
    echo "\`newsdex extract --json\`: $NDJSON_BYTES bytes of NDJSON ($NDJSON_MB MB); title stored,"
    echo "body indexed with positions (not stored); default tokenizer."
    echo "Both tools: $THREADS threads, a $MEMORY_MB MB writer budget; the index is removed before each run."
    echo
    echo "## Indexing"
    echo
    echo "| | median | throughput | peak RSS | index size | size / raw |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| newsdex (raw files, whole pipeline) | $(calc %.2f "$N_IDX") s | $N_MBS MB/s of raw files | $N_RSS_MB MB | $(calc %.1f "$N_INDEX_BYTES / 1e6") MB | $SIZE_RATIO |"
    echo "| tantivy-cli (title + body NDJSON) | $(calc %.2f "$T_IDX") s | $T_MBS MB/s of NDJSON | $T_RSS_MB MB | $(calc %.1f "$T_INDEX_BYTES / 1e6") MB | $T_SIZE_RATIO |"
    echo "| newsdex re-index, unchanged | $(calc %.3f "$RE_IDX") s | | | | |"
    echo "| newsdex extract only (reading and extraction, no index) | $(calc %.2f "$X_IDX") s | $(calc %.2f "$RAW_BYTES / 1e6 / $X_IDX") MB/s of raw files | | | |"
    echo
    echo "Reading and extracting alone (\`newsdex extract --json\`, same threads, output"
    echo "discarded) takes $X_SHARE% of newsdex's indexing time and $X_TIMES× tantivy-cli's"
    echo "whole indexing time; at 0.7× tantivy-cli's throughput, newsdex would have"
    echo "$BUDGET s for reading, extracting and indexing."
    echo
    echo "| target | reached | verdict |"
    echo "|---|---:|---|"
    echo "| indexing: newsdex ≥ 0.7× tantivy-cli's throughput on the same articles (time ratio tantivy / newsdex) | $IDX_RATIO× | $(verdict "$IDX_RATIO >= 0.7") |"
    echo "| memory: newsdex peak RSS ≤ 500 MB (the target is for 1 GB) | $N_RSS_MB MB | $(verdict "$N_RSS_MB <= 500") |"
    echo "| re-index of an unchanged corpus ≤ 5% of the full time | $RE_RATIO% | $(verdict "$RE_RATIO <= 5") |"
    echo "| index size ≤ 1.3× the raw text | $SIZE_RATIO× | $(verdict "$SIZE_RATIO <= 1.3") |"
    echo
    echo "## Queries"
    echo
    echo "Whole processes, warm page cache. newsdex prints the top 10 hits with snippets;"
    echo "tantivy-cli prints the stored title of every hit; rg lists the matching files."
    echo "The person filter is newsdex's \`--person\`; tantivy-cli gets the name as a phrase"
    echo "and rg as a fixed string. Entity: \"$PERSON\" (the most mentioned person)."
    echo
    echo "| query | newsdex | tantivy-cli | rg | newsdex / tantivy-cli (target ≤ 1.5) | rg / newsdex (target ≥ 50 at 1 GB) | hits newsdex / tantivy-cli / rg |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for spec in "${QUERIES[@]}"; do
        IFS='|' read -r name n_args t_query rg_cmd <<<"$spec"
        f="$RUN/query-$name.json"
        n=$(median "$f" newsdex); t=$(median "$f" tantivy-cli); r=$(median "$f" rg)
        read -r hn ht hr <<<"$(hits "$name" "$n_args" "$t_query" "$rg_cmd")"
        shown=$(eval "printf '%s ' $n_args")
        echo "| \`${shown% }\` | $(calc %.1f "$n * 1000") ms | $(calc %.1f "$t * 1000") ms | $(calc %.1f "$r * 1000") ms | $(calc %.2f "$n / $t") | $(calc %.1f "$r / $n") | $hn / $ht / $hr |"
    done
    echo
    echo "## Notes"
    echo
    echo "_Profile and remarks: none yet._"
} >"$OUT_MD"

say "wrote $OUT_MD and $OUT_JSON"
cat "$OUT_MD"
