#!/usr/bin/env bash
# Memory pressure (issue 17, docs/RELIABILITY.md "Memory"): starts a Runnel jar with a small heap, runs one
# scenario of bench/client/MemoryPressure.java against it, then reports whether the server still answers,
# how many OutOfMemoryErrors its log holds, and its peak RSS. Loopback only; stops the server it started.
#
#   bench/memory-pressure.sh writes [SECONDS THREADS RECORD_KIB BATCH SHARDS]   (default 30 100 256 4 8)
#   bench/memory-pressure.sh reads  [SECONDS READERS RECORD_MIB RECORDS]        (default 30 40 10 4)
#
# Environment: RUNNEL_JAR (default target/runnel-*.jar), HEAP (default 512m), RUNNEL_ARGS (more Runnel
# flags, e.g. "--runnel.storage.max-bytes=2GB"), JAVA_OPTS (more JVM flags, e.g. -XX:+UseSerialGC).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scenario=${1:?writes or reads}
shift
jar=${RUNNEL_JAR:-$(ls "$root"/target/runnel-*.jar | head -1)}
heap=${HEAP:-512m}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$work/runnel.log

javac -d "$work/classes" "$root/bench/client/MemoryPressure.java"
# shellcheck disable=SC2086
java -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
  --runnel.streams.create-delay=0 --runnel.limits.enabled=false --runnel.https.port=0 \
  --runnel.https.dir="$work/tls" ${RUNNEL_ARGS:-} >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "Runnel did not start:"; tail -20 "$log"; exit 1; fi
  sleep 0.5
done

peak=0
( while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    echo "$rss"; sleep 0.5
  done ) >"$work/rss" &
sampler=$!

case $scenario in
  writes) java -Xmx2g -cp "$work/classes" MemoryPressure writes "$port" "${1:-30}" "${2:-100}" "${3:-256}" "${4:-4}" "${5:-8}" ;;
  reads) java -Xmx2g -cp "$work/classes" MemoryPressure reads "$port" "${1:-30}" "${2:-40}" "${3:-10}" "${4:-4}" ;;
  *) echo "unknown scenario $scenario"; exit 2 ;;
esac

kill "$sampler" 2>/dev/null || true
peak=$(sort -n "$work/rss" | tail -1)
echo "SERVER heap=$heap oom_in_log=$(grep -c OutOfMemoryError "$log" || true) peak_rss_mib=$((peak / 1024))" \
  "alive=$(kill -0 "$pid" 2>/dev/null && echo yes || echo no)"
grep -m3 -A2 OutOfMemoryError "$log" || true
