#!/usr/bin/env bash
# Measures the in-memory store's heap overhead per record (see docs/BENCHMARKS.md).
# Usage: bench/storage-footprint.sh [records]   (default 2,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile
classpath=$(./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xms4g -Xmx4g -XX:+UseG1GC -cp "target/classes:target/test-classes:${classpath}" \
  dev.runnel.bench.StorageFootprintBenchmark "${1:-2000000}"
