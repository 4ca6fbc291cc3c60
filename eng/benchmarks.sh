#!/usr/bin/env bash
# BenchmarkDotNet (Release, in-process toolchain): the cached request path against a constant write, the first request
# for a domain against a bare point read on the same Azurite, the write that finds a full cache (DomainCache against the
# old scan trim), and the memory 100,000 cached domains take.
#
#   eng/benchmarks.sh                     # all, short job
#   eng/benchmarks.sh --job default       # longer, steadier runs (extra arguments go to BenchmarkDotNet)
source "$(dirname "$0")/perf-lib.sh"

build_release
start_azurite
export DELEGATION_BENCH_STORAGE="$CONNECTION_STRING"
cd "$WORK"
[ $# -gt 0 ] || set -- --job short
echo "== Cache memory (100,000 domains):"
taskset -c "$SERVER_CPU" dotnet "$BENCH_DLL" memory 100000
taskset -c "$SERVER_CPU" dotnet "$BENCH_DLL" --filter '*CachedRequestBenchmarks*' '*MissBenchmarks*' '*CacheEvictionBenchmarks*' --inProcess "$@"
echo "Reports: $(pwd)/BenchmarkDotNet.Artifacts/results (copied to /tmp/delegation-benchmarks)"
rm -rf /tmp/delegation-benchmarks && cp -r BenchmarkDotNet.Artifacts/results /tmp/delegation-benchmarks
