#!/usr/bin/env bash
# Start-up of the file store with a lot retained (issue 19: "10 GB retained, start-up in seconds").
# Starts the packaged jar on a fresh data directory, writes RECORDS records of RECORD_BYTES through PutRecords
# (bench/client/BenchClient.java, 4 connections) into a 4-shard stream, then measures process start to the first
# answered ListStreams after a clean stop (SIGTERM) and after kill -9, printing the store's own "Opened the shard
# log store" line. Loopback only; stops only the processes it started; deletes the data directory at the end.
#
# Usage: bench/retained-start.sh            (RECORDS=1048576 RECORD_BYTES=10240: 10 GiB; DIR, PORT, HEAP)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-1048576}
RECORD_BYTES=${RECORD_BYTES:-10240}
DIR=${DIR:-$(mktemp -d /tmp/runnel-retained.XXXXXX)}
PORT=${PORT:-24999}
HEAP=${HEAP:-512m}
JAR=$(ls target/runnel-*.jar 2>/dev/null | grep -v original | head -1)
[[ -n $JAR ]] || { echo "no target/runnel-*.jar: ./mvnw -DskipTests package first" >&2; exit 1; }
LOG=$DIR.log
PID=
cleanup() { [[ -z $PID ]] || kill "$PID" 2>/dev/null || true; rm -rf "$DIR" "$DIR-tls"; }
trap cleanup EXIT

aws() {
  curl -s -X POST -H "X-Amz-Target: Kinesis_20131202.$1" -H 'Content-Type: application/x-amz-json-1.1' \
    -d "$2" "http://127.0.0.1:$PORT/"
}

start() { # label
  local t0; t0=$(date +%s%N)
  java -XX:+UseSerialGC -Xmx"$HEAP" -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
    --runnel.storage.type=file --runnel.storage.dir="$DIR" --runnel.streams.create-delay=0 \
    --runnel.limits.enabled=false --runnel.https.port=0 --runnel.https.dir="$DIR-tls" > "$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 1200); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-Amz-Target: Kinesis_20131202.ListStreams' \
        -H 'Content-Type: application/x-amz-json-1.1' -d '{}' "http://127.0.0.1:$PORT/" || true) == 200 ]]; then
      break
    fi
    kill -0 "$PID" 2>/dev/null || { echo "$1: Runnel exited, see $LOG" >&2; exit 1; }
    sleep 0.05
  done
  echo "$1: first ListStreams $(( ($(date +%s%N) - t0) / 1000000 )) ms after the process started"
  grep -h "Opened the shard log store\|Recovered" "$LOG" | sed 's/.*: /  /' || true
}

start "empty directory"
aws CreateStream '{"StreamName":"retained","ShardCount":4}' > /dev/null; sleep 1
aws IncreaseStreamRetentionPeriod '{"StreamName":"retained","RetentionPeriodHours":168}' > /dev/null
java bench/client/BenchClient.java load "$PORT" retained "$RECORDS" 1800 4 "$RECORD_BYTES"
echo "data directory: $(du -sb "$DIR" | cut -f1) bytes"
kill "$PID"; wait "$PID" || true
start "after a clean stop"
kill -9 "$PID"; wait "$PID" 2>/dev/null || true
start "after kill -9"
echo "RSS after start: $(( $(ps -o rss= -p "$PID") / 1024 )) MiB"
kill "$PID"; wait "$PID" || true; PID=
