#!/usr/bin/env bash
# Anchor for the classifier benchmark: DPDK's ACL library (dpdk-test-acl, Debian package dpdk-dev)
# classifying the very rule sets and traces eswitch-bench measures its classifier on, in the same
# `make bench` run. The sets follow bench-anchors/gen_acl.py's recipe (ClassBench-style IPv4
# 5-tuples; 90% of the trace derived from a rule) with a fixed number of distinct masks; eswitch-bench
# writes them (`--acl-export DIR`).
#
# Usage: Tools/bench/dpdk_acl_anchor.sh [PATH_TO_ESWITCH_BENCH]
# Prints one `NAME=LOOKUPS_PER_SECOND` line per set (NAME like dpdk-acl-100k-s16), for
# `eswitch-bench --acl-anchor`. DPDK runs on one core (-l 1) without hugepages, under a file
# prefix of its own (so it shares no runtime files with other DPDK processes on the machine).
set -euo pipefail
bench=${1:-.build/release/eswitch-bench}
command -v dpdk-test-acl >/dev/null || { echo "dpdk_acl_anchor: dpdk-test-acl not found (apt package dpdk-dev)" >&2; exit 1; }
[ -x "$bench" ] || { echo "dpdk_acl_anchor: $bench not built (make release)" >&2; exit 1; }
work=$(mktemp -d)
prefix="eswitch-acl-$$"
trap 'rm -rf "$work" "/var/run/dpdk/$prefix"' EXIT
"$bench" --acl-export "$work"
for rules in "$work"/*.rules; do
  name=$(basename "$rules" .rules)
  trace="$work/$name.trace"
  if ! out=$(dpdk-test-acl --no-huge --no-pci --file-prefix="$prefix" -m 2048 -l 1 --log-level=lib.eal:error -- \
      --rulesf="$rules" --tracef="$trace" --rulenum="$(wc -l <"$rules")" --tracenum="$(wc -l <"$trace")" \
      --iter=5 --verbose=0 2>&1); then
    echo "dpdk_acl_anchor: dpdk-test-acl failed on $name" >&2
    continue
  fi
  # "search_ip5tuples  @lcore 1: 5 iterations, ... cycles/pkt, 9453764.04 pkt/sec"
  rate=$(sed -n 's/^search_ip5tuples  @lcore.* \([0-9.]*\) pkt\/sec$/\1/p' <<<"$out" | tail -1)
  if [ -z "$rate" ]; then
    echo "dpdk_acl_anchor: no rate in dpdk-test-acl's output for $name" >&2
    continue
  fi
  echo "$name=$rate"
done
