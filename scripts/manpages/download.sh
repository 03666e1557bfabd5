#!/usr/bin/env bash
# Stop 40 (issue #18 criterion 8): download the selected packages into the cache (never into the repository), three
# apt-get processes at a time, skipping what is there already. Usage: bash scripts/manpages/download.sh [CACHE]
set -u
cache=${1:-/work/cache/manpages}
mkdir -p "$cache/debs"
cd "$cache/debs" || exit 1
node "$(dirname "$0")/select.mjs" > "$cache/selected.tsv"
ls | sed 's/_.*//' | sort -u > "$cache/have.txt"
cut -f1 "$cache/selected.tsv" | grep -vxFf "$cache/have.txt" > "$cache/todo.txt"
split -n r/3 "$cache/todo.txt" "$cache/todo."
for part in "$cache"/todo.a?; do xargs -n 40 apt-get download -q < "$part" > "$part.log" 2>&1 & done
wait
# A batch stops at a name the index offers from another source; what is left is fetched one by one.
ls | sed 's/_.*//' | sort -u > "$cache/have.txt"
cut -f1 "$cache/selected.tsv" | grep -vxFf "$cache/have.txt" | xargs -r -n 1 apt-get download -q > "$cache/todo.rest.log" 2>&1
