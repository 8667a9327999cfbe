#!/usr/bin/env bash
# Side-by-side HTTP benchmark: Runnel against kinesalite, kinesis-mock and a bare Spring Boot app (the
# "Spring ceiling"), same machine, loopback, load from separate processes (wrk for writes,
# bench/client/BenchClient.java for preloads and reads), interleaved rounds. See docs/BENCHMARKS.md.
# Runnel runs the way the README recommends, through bin/runnel (Serial GC, class-data sharing); its
# startup is also measured as a plain `java -jar` with the JVM's defaults (workload startup-jar). Each start records
# its wall time and the CPU-seconds the server had taken by its first ListStreams (metrics startup and startup-cpu,
# startup-jar and startup-jar-cpu). JAVA_HOME, when set, is the JDK bin/runnel runs (e.g. a JDK 25, which gets an
# AOT cache); startup-jar, the ceiling and the load generators use the java on the PATH.
#
# Durable store (issue 19; opt-in, not in the default TARGETS/WORKLOADS):
#   targets runnel-file-interval, runnel-file-always  the same jar through bin/runnel with --runnel.storage.type=file,
#       --runnel.storage.fsync=interval|always and a fresh --runnel.storage.dir under the results dir (one per target
#       and round, deleted when that server stops); every workload of `runnel` but memory and startup-jar
#   target kinesalite-disk  kinesalite with --path <fresh dir> (LevelDB on disk, deleted likewise); plain
#       `kinesalite` keeps its records in memory (memdown)
#   workload retained-file  (runnel-file-interval only) a fresh server with -Xmx$RETAINED_HEAP takes RETAINED_FACTOR
#       times its heap in RETAINED_RECORD_BYTES records through PutRecords; live heap after a full GC, VmRSS and the
#       data dir's bytes at 10%, 50% and 100% of it ("flat": 100% / 10%), then a sample read of one shard from
#       TRIM_HORIZON, which the heap cannot hold
#   TARGETS="runnel runnel-file-interval runnel-file-always kinesalite-disk" \
#     WORKLOADS="put-aws puts-aws get-json get-cbor retained-file" bench/run.sh
#   The report adds a section with file store / Runnel (memory) and file store / kinesalite-disk per workload.
#
# Runnel on Kafka (issue 20; opt-in, not in the default TARGETS):
#   target runnel-kafka  the same jar through bin/runnel with --runnel.storage.type=kafka, one Kafka 4.4 broker on
#       127.0.0.1:BASE_PORT+8 and a fresh --runnel.kafka.topic-prefix=bench<round>-<n>. for every start (runs never
#       see each other's streams); port BASE_PORT+9; every workload of `runnel` but memory, startup-jar and
#       retained-file. The broker (bench/kafka-broker.sh: combined broker and controller in KRaft mode, from the
#       Maven test classpath, data under the results dir's kafka/) starts once before the first round when TARGETS
#       has runnel-kafka and stops when the run ends; it shares the machine's cores with Runnel and the load.
#   TARGETS="runnel runnel-kafka" WORKLOADS="put-aws puts-aws get-json get-cbor" bench/run.sh
#   The report adds a section with Runnel on Kafka / Runnel (memory) per workload: records/s, p99 and CPU cost.
#
# CPU cost (every target): for each wrk workload (put-*, puts-*) and each read (get-*), the CPU-seconds (utime +
# stime from /proc/PID/stat over every process of the server's process group) spent during the measured run only
# (the wrk run after its warm-up; the measured read passes), per million records: metrics <workload>.cpu (the server),
# <workload>.cpu-broker (runnel-kafka: the Kafka broker's process group) and <workload>.cpu-client (the load
# generator: wrk, or the reader's JVM). The report lists them in a section of their own.
#
# Usage: bench/run.sh            (knobs below as environment variables, e.g. ROUNDS=1 DURATION=3s bench/run.sh)
#   ROUNDS=3             rounds; in each round every target runs every workload, targets in turn
#   DURATION=10s         length of each measured wrk run (a WARMUP run precedes it)
#   WARMUP=30s           wrk warm-up before each measured run, same for every target (JIT; 0s to skip), in two
#                        halves on streams of their own, so that the stream switch before the measured run is not
#                        the JVM's first. With one warm-up of 30 or 60 s Runnel's JIT compiler threads took 0.27 of
#                        the 2 cores in the measured run (the report's JIT column), recompiling what the first
#                        DeleteStream and CreateStream had deoptimised; with two halves 0.13-0.23 (0.07 on a
#                        server that writes to one stream throughout)
#   TARGETS="runnel kinesalite kinesis-mock ceiling"            also: runnel-file-interval runnel-file-always kinesalite-disk
#                                                                runnel-kafka
#   WORKLOADS="startup startup-jar put-aws put-rest puts-aws puts-rest get-json get-cbor get-rest fanout memory"
#                                                                also: retained-file
#   READ_RECORDS=200000  records preloaded into the 1-shard stream the get-* workloads read
#   READ_WARMUP=20 READ_SECONDS=5  per protocol, passes over that shard for READ_WARMUP seconds to warm up both
#                        JVMs (at least one pass), then passes for READ_SECONDS more (at least one), which count
#   MEM_RECORDS=1000000  records preloaded for the memory-per-record workload, measured after a warm-up preload of
#   MEM_WARM=MEM_RECORDS/10 records into the same stream (0: from the fresh server's RSS, as before 2026-12-07)
#   LOAD_TIMEOUT=60      seconds a preload may take; a slow server measures with what it took by then
#   PUT_CONNECTIONS=32 PUTS_CONNECTIONS=8 WRK_THREADS=2 WRITE_SHARDS=4
#   FANOUT_CONSUMERS="1 5 20"  enhanced fan-out: consumers subscribed to every shard of a WRITE_SHARDS stream
#   FANOUT_SECONDS=5 FANOUT_PRODUCERS=2 FANOUT_BATCH=100  each phase's write window, PutRecords threads, batch size
#   FANOUT_RATE=2000     records/s of the latency phase (half the write limit of 4 shards); the throughput phase
#                        writes as fast as the server takes
#   JAVA_HEAP=3g         -Xmx of the Runnel and ceiling JVMs (no -Xms: the heap grows on demand); Runnel's
#                        budgets (RUNNEL_STORAGE plus its read and request budgets) must fit in half of it
#   RUNNEL_JAVA_OPTS=""  more JVM options for Runnel (experiments; the report prints them)
#   RUNNEL_STORAGE=1GB   runnel.storage.max-bytes of the memory store (default a quarter of the heap; a fast write
#                        run fills that)
#   FILE_MAX_BYTES=""    runnel.storage.max-bytes of the file targets, a cap on their segment files (default none:
#                        only runnel.storage.min-free-space, 512MB by default, stops them)
#   RETAINED_HEAP=256m   -Xmx of the retained-file server (HeapPlan counts no stored records for the file store, only
#                        the read and request budgets, a sixteenth of the heap each)
#   RETAINED_FACTOR=10   retained-file writes this many times the heap in records (a fraction for a quick check)
#   RETAINED_RECORD_BYTES=1000 RETAINED_CONNECTIONS=4  record size and PutRecords connections of retained-file
#   RETAINED_TIMEOUT=900 seconds the whole retained-file write may take
#   RETAINED_READ=50000  records the retained-file sample read takes from shard 0 (fewer if the shard holds fewer)
#   KEEP_DATA=0          1: keep the data dirs of the file targets and kinesalite-disk (bench/results/<ts>/data/), and
#                        the Kafka broker's (bench/results/<ts>/kafka/data; its log is always kept)
#   KAFKA_RUNNEL_ARGS="" more options for runnel-kafka, e.g. "--runnel.kafka.request-timeout=10s" (the report prints
#                        them); --runnel.kafka.replication-factor is KAFKA_REPLICATION=1 (one broker)
#   BROKER_JAVA_OPTS="-Xmx1g -XX:+UseSerialGC"  the broker JVM's options (bench/kafka-broker.sh)
#   BASE_PORT=24567      targets listen on BASE_PORT..BASE_PORT+9 (+8: the Kafka broker; its controller on the first
#                        free port from BASE_PORT+108)
#   BUILD=auto           auto: build the jars if missing; 1: always rebuild; 0: never
# Output: a markdown table on stdout; raw results, logs and report.md in bench/results/<timestamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
TARGETS=${TARGETS:-"runnel kinesalite kinesis-mock ceiling"}
WORKLOADS=${WORKLOADS:-"startup startup-jar put-aws put-rest puts-aws puts-rest get-json get-cbor get-rest fanout memory"}
READ_RECORDS=${READ_RECORDS:-200000}
READ_WARMUP=${READ_WARMUP:-20}
READ_SECONDS=${READ_SECONDS:-5}
MEM_RECORDS=${MEM_RECORDS:-1000000}
MEM_WARM=${MEM_WARM:-$((MEM_RECORDS / 10))}
LOAD_TIMEOUT=${LOAD_TIMEOUT:-60}
PUT_CONNECTIONS=${PUT_CONNECTIONS:-32}
PUTS_CONNECTIONS=${PUTS_CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-2}
WRITE_SHARDS=${WRITE_SHARDS:-4}
FANOUT_CONSUMERS=${FANOUT_CONSUMERS:-"1 5 20"}
FANOUT_SECONDS=${FANOUT_SECONDS:-5}
FANOUT_PRODUCERS=${FANOUT_PRODUCERS:-2}
FANOUT_BATCH=${FANOUT_BATCH:-100}
FANOUT_RATE=${FANOUT_RATE:-2000}
JAVA_HEAP=${JAVA_HEAP:-3g}
RUNNEL_JAVA_OPTS=${RUNNEL_JAVA_OPTS:-}
RUNNEL_STORAGE=${RUNNEL_STORAGE:-1GB}
BASE_PORT=${BASE_PORT:-24567}
BUILD=${BUILD:-auto}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}
READ_TIMEOUT=${READ_TIMEOUT:-300}
WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
RETAINED_HEAP=${RETAINED_HEAP:-256m}
RETAINED_FACTOR=${RETAINED_FACTOR:-10}
RETAINED_RECORD_BYTES=${RETAINED_RECORD_BYTES:-1000}
RETAINED_CONNECTIONS=${RETAINED_CONNECTIONS:-4}
RETAINED_TIMEOUT=${RETAINED_TIMEOUT:-900}
RETAINED_READ=${RETAINED_READ:-50000}
KEEP_DATA=${KEEP_DATA:-0}
KAFKA_RUNNEL_ARGS=${KAFKA_RUNNEL_ARGS:-}
KAFKA_REPLICATION=${KAFKA_REPLICATION:-1}
export BROKER_JAVA_OPTS=${BROKER_JAVA_OPTS:-"-Xmx1g -XX:+UseSerialGC"}
FILE_MAX_BYTES=${FILE_MAX_BYTES:-}

PEERS=$ROOT/bench/.peers
OUT=$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/raw"
RESULTS=$OUT/results.tsv
printf 'round\ttarget\tmetric\tvalue\tvalid\tnote\n' > "$RESULTS"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
has() { [[ " $1 " == *" $2 "* ]]; }                 # has "list" word
seconds() { local d=$1; d=${d%s}; echo "$d"; }     # "10s" -> 10 (wrk durations are given in seconds)
is_runnel() { [[ $1 == runnel || $1 == runnel-file-* || $1 == runnel-kafka ]]; }   # Runnel's jar through bin/runnel
needs_runnel() { local t; for t in $TARGETS; do is_runnel "$t" && return 0; done; return 1; }
bytes_of() { # JVM size "256m" -> bytes
  local v=${1,,} n; n=${v%[kmg]}
  case $v in *k) echo $((n << 10)) ;; *m) echo $((n << 20)) ;; *g) echo $((n << 30)) ;; *) echo "$n" ;; esac
}

# ------------------------------------------------------------------ preparation

need() { command -v "$1" >/dev/null || { echo "missing $1 ($2)" >&2; exit 1; }; }
need wrk "apt-get install -y wrk"
need java "a JDK 17+"
need node "Node.js, for the peers"
need curl "apt-get install -y curl"

RUNNEL_JAR=$(ls target/runnel-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ $BUILD == 1 || ( $BUILD == auto && -z $RUNNEL_JAR ) ]] && needs_runnel; then
  log "building Runnel"; ./mvnw -B -q -DskipTests package
  RUNNEL_JAR=$(ls target/runnel-*.jar | grep -v original | head -1)
fi
if needs_runnel; then
  log "recording Runnel's class-data archive if needed (bin/runnel --prepare; untimed)"
  RUNNEL_JAR=$RUNNEL_JAR JAVA_OPTS="-Xmx$JAVA_HEAP $RUNNEL_JAVA_OPTS" bin/runnel --prepare
fi
CEILING_JAR=bench/ceiling/target/ceiling.jar
if [[ $BUILD == 1 || ( $BUILD == auto && ! -f $CEILING_JAR ) ]] && has "$TARGETS" ceiling; then
  log "building the Spring ceiling"; ./mvnw -B -q -f bench/ceiling/pom.xml package
fi
if { has "$TARGETS" kinesalite || has "$TARGETS" kinesalite-disk || has "$TARGETS" kinesis-mock; } && \
   [[ ! -f $PEERS/node_modules/kinesalite/cli.js || ! -f $PEERS/node_modules/kinesis-local/main.js ]]; then
  log "installing the peers into bench/.peers"
  mkdir -p "$PEERS"
  npm install --prefix "$PEERS" --no-audit --no-fund --loglevel=error kinesalite@3.3.3 kinesis-local@0.6.2 >&2
fi
CLASSES=$OUT/classes
javac -d "$CLASSES" bench/client/BenchClient.java bench/client/Report.java bench/client/FanOutBench.java

# ------------------------------------------------------------------ servers

port_of() {
  case $1 in runnel | runnel-jar) echo $BASE_PORT ;; kinesalite) echo $((BASE_PORT + 1)) ;;
    kinesis-mock) echo $((BASE_PORT + 2)) ;; ceiling) echo $((BASE_PORT + 4)) ;;  # mock's TLS: +3
    runnel-file-always) echo $((BASE_PORT + 5)) ;; runnel-file-interval) echo $((BASE_PORT + 6)) ;;
    kinesalite-disk) echo $((BASE_PORT + 7)) ;; runnel-kafka) echo $((BASE_PORT + 9)) ;; esac   # broker: +8
}

# Which workloads a target can run: the peers speak only the AWS protocol, the ceiling only answers POST /.
# The file targets run Runnel's workloads but memory (records per byte of heap: theirs are on disk); retained-file
# measures what replaces it, on runnel-file-interval. runnel-kafka likewise (its records are in the broker).
supports() {
  case $1:$2 in
    runnel-file-interval:retained-file) return 0 ;;
    *:retained-file) return 1 ;;
    runnel-file-*:memory | runnel-kafka:memory) return 1 ;;
    runnel:* | runnel-file-*:* | runnel-kafka:*) return 0 ;;
    ceiling:startup | ceiling:put-aws | ceiling:puts-aws) return 0 ;;
    ceiling:*) return 1 ;;
    kinesalite*:fanout) return 1 ;;   # kinesalite has no enhanced fan-out
    *:put-rest | *:puts-rest | *:get-rest) return 1 ;;
    *) return 0 ;;
  esac
}

SERVER_PID=""
SERVER_DATA=""   # the data dir of the running file target or kinesalite-disk, deleted when it stops
stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true   # its own process group (setsid below)
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
  if [[ -n $SERVER_DATA ]]; then
    [[ $KEEP_DATA == 1 ]] || rm -rf -- "$SERVER_DATA"
    SERVER_DATA=""
  fi
}
# The Kafka broker of runnel-kafka (bench/kafka-broker.sh): one for the whole run, started before the first round.
KAFKA_DIR=$OUT/kafka
KAFKA_PORT=$((BASE_PORT + 8))
BROKER_PID=""    # its PID, also its process group's id; empty when no broker runs
KAFKA_STARTS=0   # starts of runnel-kafka so far: each gets a topic prefix of its own
start_broker() {
  log "starting the Kafka broker for runnel-kafka on 127.0.0.1:$KAFKA_PORT (data in ${KAFKA_DIR#"$ROOT"/})"
  if bench/kafka-broker.sh start "$KAFKA_DIR" "$KAFKA_PORT" 2>>"$OUT/run.log"; then
    BROKER_PID=$(cat "$KAFKA_DIR/broker.pid")
  else
    log "the Kafka broker did not start (see run.log and ${KAFKA_DIR#"$ROOT"/}/broker.log): runnel-kafka will be INVALID"
  fi
}
stop_broker() {   # also deletes its data (unless KEEP_DATA=1), left by a start that failed too
  if [[ -n $BROKER_PID ]]; then
    bench/kafka-broker.sh stop "$KAFKA_DIR" 2>>"$OUT/run.log" || true
    BROKER_PID=""
  fi
  [[ $KEEP_DATA == 1 ]] || rm -rf -- "$KAFKA_DIR/data"
}
trap 'stop_server; stop_broker' EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Runnel without throttling, streams ready at once, and room for every record a run writes.
# Its HTTPS port opens (its cost is part of a start) on any free port, so that a Runnel already running on 4568
# does not stop the bench's, with its certificate kept in bench/.peers/tls rather than the user's home.
RUNNEL_ARGS=(--runnel.limits.enabled=false --runnel.streams.create-delay=0 --runnel.streams.delete-delay=0
  --runnel.fan-out.create-delay=0 --runnel.https.port=0 --runnel.https.dir="$PEERS/tls")
# The heap and memory-store budget of the next Runnel start (start_server; empty: Runnel's default, a quarter of the
# heap); run_retained changes them for its server. The file targets get no memory-store budget.
SERVER_HEAP=$JAVA_HEAP
SERVER_STORAGE=$RUNNEL_STORAGE

AUTH='AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000'
aws() { # port operation json -> body on stdout; fails on non-2xx
  curl -sf -m 10 -X POST "http://127.0.0.1:$1/" -H "X-Amz-Target: Kinesis_20131202.$2" \
    -H 'Content-Type: application/x-amz-json-1.1' -H "Authorization: $AUTH" -H 'X-Amz-Date: 20260101T000000Z' -d "$3"
}

# One ListStreams through bash's own /dev/tcp, true on a 200 answer. No process is started per attempt (a
# curl every few milliseconds took enough CPU from a starting JVM on two cores to add seconds to its start).
list_streams_answers() { # port
  local status=""
  { exec 9<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\nAuthorization: %s\r\nX-Amz-Date: 20260101T000000Z\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}' "$AUTH" >&9
  read -r -t 10 status <&9
  exec 9<&- 9>&-
  [[ $status == "HTTP/1.1 200"* ]]
}

# Starts a target in its own process group and sets SERVER_PID, STARTUP to the seconds from launch to the first
# successful ListStreams (polled every 20 ms), and STARTUP_CPU to the CPU-seconds the server's process group had
# taken by then (all its threads: on two cores the JIT compilers' work competes with the start itself, and CPU time
# varies less than wall time on a shared machine). The file targets and kinesalite-disk get a fresh
# data dir, $OUT/data/<log's name>, in SERVER_DATA (stop_server deletes it).
STARTUP=""
STARTUP_CPU=""
start_server() { # target log
  local target=$1 log=$2 port; port=$(port_of "$target")
  if curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
  if [[ $target == runnel-file-* || $target == kinesalite-disk ]]; then
    SERVER_DATA=$OUT/data/$(basename "$log" .log)
    rm -rf -- "$SERVER_DATA"; mkdir -p "$SERVER_DATA"
  fi
  local storage=()
  if [[ $target == runnel-kafka ]]; then   # a fresh topic prefix per start; no memory-store budget
    [[ -n $BROKER_PID ]] || { echo "no Kafka broker for $target" >&2; return 1; }
    KAFKA_STARTS=$((KAFKA_STARTS + 1))
    storage=(--runnel.storage.type=kafka --runnel.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT"
      --runnel.kafka.topic-prefix="bench${round:-0}-$KAFKA_STARTS." --runnel.kafka.replication-factor="$KAFKA_REPLICATION")
    # shellcheck disable=SC2206
    storage+=($KAFKA_RUNNEL_ARGS)
  elif [[ $target == runnel-file-* ]]; then   # max-bytes caps the file store's disk: none unless FILE_MAX_BYTES
    storage=(--runnel.storage.type=file --runnel.storage.dir="$SERVER_DATA" --runnel.storage.fsync="${target#runnel-file-}")
    [[ -z $FILE_MAX_BYTES ]] || storage+=(--runnel.storage.max-bytes="$FILE_MAX_BYTES")
  elif [[ -n $SERVER_STORAGE ]]; then
    storage=(--runnel.storage.max-bytes="$SERVER_STORAGE")
  fi
  local t0; t0=$(date +%s%N)
  case $target in
    runnel | runnel-file-* | runnel-kafka) RUNNEL_JAR=$RUNNEL_JAR JAVA_OPTS="-Xmx$SERVER_HEAP $RUNNEL_JAVA_OPTS" setsid bin/runnel \
        --server.port="$port" "${RUNNEL_ARGS[@]}" "${storage[@]}" >"$log" 2>&1 & ;;
    runnel-jar) setsid java -Xmx"$JAVA_HEAP" -jar "$RUNNEL_JAR" --server.port="$port" "${RUNNEL_ARGS[@]}" \
        "${storage[@]}" >"$log" 2>&1 & ;;
    ceiling) setsid java -Xmx"$JAVA_HEAP" -jar "$CEILING_JAR" --server.port="$port" >"$log" 2>&1 & ;;
    kinesalite) setsid node "$PEERS/node_modules/kinesalite/cli.js" --port "$port" --createStreamMs 0 \
        --deleteStreamMs 0 --updateStreamMs 0 --shardLimit 10000 >"$log" 2>&1 & ;;
    kinesalite-disk) setsid node "$PEERS/node_modules/kinesalite/cli.js" --port "$port" --path "$SERVER_DATA" \
        --createStreamMs 0 --deleteStreamMs 0 --updateStreamMs 0 --shardLimit 10000 >"$log" 2>&1 & ;;
    kinesis-mock) (cd "$PEERS/node_modules/kinesis-local" &&
        KINESIS_MOCK_PLAIN_PORT=$port KINESIS_MOCK_TLS_PORT=$((port + 1)) KINESIS_MOCK_CERT_PATH=$PWD/server.json \
        CREATE_STREAM_DURATION=0ms DELETE_STREAM_DURATION=0ms SHARD_LIMIT=10000 LOG_LEVEL=WARN \
        exec setsid node main.js) >"$log" 2>&1 & ;;
  esac
  SERVER_PID=$!
  local deadline=$((t0 + STARTUP_TIMEOUT * 1000000000))
  until list_streams_answers "$port"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || (( $(date +%s%N) > deadline )); then
      echo "$target did not start (see $log)" >&2; return 1
    fi
    sleep 0.02
  done
  STARTUP=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  STARTUP_CPU=$(ticks_to_s "$(group_ticks "$SERVER_PID")")
}

create_stream() { # port name shards
  aws "$1" CreateStream "{\"StreamName\":\"$2\",\"ShardCount\":$3}" >/dev/null
  for _ in $(seq 300); do
    aws "$1" DescribeStream "{\"StreamName\":\"$2\",\"Limit\":1}" 2>/dev/null | grep -q '"StreamStatus":"ACTIVE"' && return 0
    sleep 0.1
  done
  echo "stream $2 never became ACTIVE" >&2; return 1
}

# Deletes a stream and waits until it is gone, so that its records stop counting (Runnel's memory budget,
# kinesis-mock's slowdown as shards fill) against the next workload.
delete_stream() { # port name
  aws "$1" DeleteStream "{\"StreamName\":\"$2\",\"EnforceConsumerDeletion\":true}" >/dev/null || return 0
  for _ in $(seq 100); do
    aws "$1" DescribeStream "{\"StreamName\":\"$2\",\"Limit\":1}" >/dev/null 2>&1 || { sleep 1; return 0; }
    sleep 0.1
  done
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
rss_parts() { awk '/^Rss(Anon|File|Shmem):/ { printf "%s%s %sK", n++ ? ", " : "", $1, $2 }' "/proc/$1/status" 2>/dev/null || true; }
heap_used_kib() { # live heap after a full GC (JVM targets only)
  jcmd "$1" GC.run >/dev/null && jcmd "$1" GC.heap_info |   # G1: one "heap" line; Serial: one per generation
    awk 'match($0, /(heap|generation) +total [0-9]+K, used [0-9]+K/) { s = substr($0, RSTART, RLENGTH); sub(/.*used /, "", s); n += s + 0 } END { print n }'
}

# CPU time, for the cost per record. CLK_TCK: the ticks a second of /proc/PID/stat's times.
CLK_TCK=$(getconf CLK_TCK)
# utime + stime (+ cutime + cstime: children it has waited for) in ticks, summed over every process of a process
# group; the servers and the broker run in groups of their own (setsid), and /proc/PID/stat covers all of a
# process's threads. bin/runnel execs java, so Runnel's group is the JVM alone.
group_ticks() { # pgid
  local p line f t=0
  for p in $(pgrep -g "$1" 2>/dev/null); do
    read -r line < "/proc/$p/stat" 2>/dev/null || continue
    read -r -a f <<< "${line##*) }"   # the fields after "pid (comm) ": state ppid pgrp ... utime stime cutime cstime
    t=$((t + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$t"
}
# CPU ticks of the JIT compiler threads (HotSpot's "C1/C2 CompilerThreadN") in a process group; 0 for a non-JVM.
jit_ticks() { # pgid
  local p task comm line f t=0
  for p in $(pgrep -g "$1" 2>/dev/null); do
    for task in /proc/"$p"/task/*; do
      read -r comm < "$task/comm" 2>/dev/null || continue
      [[ $comm == C[12]\ CompilerThre* ]] || continue
      read -r line < "$task/stat" 2>/dev/null || continue
      read -r -a f <<< "${line##*) }"
      t=$((t + f[11] + f[12]))
    done
  done
  echo "$t"
}
# Sets the variable named $1 to this shell's children that it has waited for (cutime + cstime), in ticks; no
# subshell, so that around one foreground command the difference is that command's CPU (wrk's, through timeout).
children_ticks() { # variable
  local line f; read -r line < "/proc/$BASHPID/stat"; read -r -a f <<< "${line##*) }"
  printf -v "$1" '%s' $((f[13] + f[14]))
}
ticks_to_s() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN { printf "%.3f", t / hz }'; }   # ticks -> CPU-seconds
# CPU-seconds per million records: seconds records -> "12.345" (empty without records or seconds)
per_million() { awk -v c="$1" -v n="$2" 'BEGIN { if (n > 0 && c != "") printf "%.3f", c / n * 1e6 }'; }
# The machine's busy CPU time so far, in ticks: user + nice + system + irq + softirq + steal of /proc/stat's "cpu"
# line (steal: time the hypervisor gave this VM's vCPUs to others, which the measured processes lost as well).
machine_ticks() { local a; read -r -a a < /proc/stat; echo $((a[1] + a[2] + a[3] + a[6] + a[7] + a[8])); }
# Records how busy the rest of the machine was during a measured run: the cores taken by every process but the
# server, the broker and the load generator (and by steal), on average over the run. A quiet machine shows a few
# hundredths (the shell, the kernel); more means another job shared the cores and the run's figures are suspect.
record_other() { # round target workload machine-s server-s broker-s client-s wall-s valid note
  local cores; cores=$(awk -v m="$4" -v s="$5" -v b="${6:-0}" -v c="${7:-0}" -v w="$8" \
    'BEGIN { if (w > 0 && m != "") { o = (m - s - b - c) / w; printf "%.2f", o < 0 ? 0 : o } }')
  record "$1" "$2" "$3.other" "$cores" "$9" "${10}"
  log "$2 $3: other processes used ${cores:-?} cores during the measured run"
}
# Records the CPU cost of a measured run: CPU-seconds per million records of the server, the broker (runnel-kafka
# only: empty otherwise) and the load generator (empty: not measured).
record_cpu() { # round target workload records server-s broker-s client-s valid note
  local round=$1 target=$2 workload=$3 n=$4
  record "$round" "$target" "$workload.cpu" "$(per_million "$5" "$n")" "$8" "$9"
  [[ -z $6 ]] || record "$round" "$target" "$workload.cpu-broker" "$(per_million "$6" "$n")" "$8" "$9"
  [[ -z $7 ]] || record "$round" "$target" "$workload.cpu-client" "$(per_million "$7" "$n")" "$8" "$9"
  log "$target $workload CPU-seconds: server $5${6:+, broker $6}${7:+, load generator $7}; ${n:-0} records"
}

record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"; }  # round target metric value valid note
field() { sed -nE "s/.*[ ]$1=([^ ]+).*/\1/p" <<< "$2"; }              # field name "k=v k=v" -> v

# ------------------------------------------------------------------ workloads

# wrk against one stream: a warm-up run, then the measured one. Records throughput (records/s) and p50/p99.
run_wrk() { # round target workload edge batch connections
  local round=$1 target=$2 workload=$3 edge=$4 batch=$5 conns=$6 port; port=$(port_of "$target")
  local raw=$OUT/raw/r$round-$target-$workload.wrk
  local wrk=(wrk -t"$WRK_THREADS" -c"$conns" --timeout "$WRK_TIMEOUT" --latency -s bench/wrk/put.lua "http://127.0.0.1:$port/")
  export BENCH_EDGE=$edge BENCH_BATCH=$batch
  # The two halves of the warm-up and the measured run each write to a fresh stream, deleted afterwards (the
  # ceiling has none). A JVM's first DeleteStream and CreateStream amid a PutRecord load deoptimise some 200
  # compiled methods (classes loaded for the first time, branches never taken), and recompiling them went on through
  # the measured run; a warm-up in two halves puts the first switch, and most of the recompilation, before it.
  local stream server0=0 server1=0 jit0=0 jit1=0 broker="" broker0=0 broker1=0 client0=0 client1=0 machine0=0 machine1=0 wall0=0 wall1=0
  local half=$(( ($(seconds "$WARMUP") + 1) / 2 ))
  [[ $target != runnel-kafka ]] || broker=$BROKER_PID
  for stream in "$workload-warmup" "$workload-warmup2" "$workload"; do
    [[ $stream != *-warmup* || $half != 0 ]] || continue
    if [[ $target != ceiling ]] && ! create_stream "$port" "$stream" "$WRITE_SHARDS"; then
      record "$round" "$target" "$workload" "" 0 "could not create the stream"; return 0
    fi
    export BENCH_STREAM=$stream
    if [[ $stream == *-warmup* ]]; then
      timeout $(( half + 60 )) "${wrk[@]}" -d"${half}s" > "$raw.${stream#"$workload"-}" 2>&1 || true
    else   # the measured run, with the CPU time of the server (and broker) and of wrk around it
      server0=$(group_ticks "$SERVER_PID"); jit0=$(jit_ticks "$SERVER_PID")
      [[ -z $broker ]] || broker0=$(group_ticks "$broker")
      children_ticks client0; machine0=$(machine_ticks); wall0=$(date +%s%N)
      timeout $(( $(seconds "$DURATION") + 60 )) "${wrk[@]}" -d"$DURATION" > "$raw" 2>&1 || true
      children_ticks client1; machine1=$(machine_ticks); wall1=$(date +%s%N)
      server1=$(group_ticks "$SERVER_PID"); jit1=$(jit_ticks "$SERVER_PID")
      [[ -z $broker ]] || broker1=$(group_ticks "$broker")
    fi
    [[ $target == ceiling ]] || delete_stream "$port" "$stream"
  done
  local line; line=$(grep '^WRK ' "$raw" || true)
  local valid=1 note=""
  if [[ -z $line ]]; then valid=0; note="wrk printed no result"
  else
    for k in non2xx failed_batches connect read write timeout status; do
      local v; v=$(field "$k" "$line")
      if [[ $v != 0 ]]; then valid=0; note+="$k=$v "; fi
    done
    [[ $(field requests "$line") != 0 ]] || { valid=0; note+="no requests "; }
  fi
  [[ $valid == 1 ]] || log "INVALID $target $workload: $note"
  record "$round" "$target" "$workload" "$(field records_per_s "$line")" "$valid" "$note"
  record "$round" "$target" "$workload.p50" "$(field p50_ms "$line")" "$valid" "$note"
  record "$round" "$target" "$workload.p99" "$(field p99_ms "$line")" "$valid" "$note"
  log "$target $workload: $line"
  local records; records=$(( ${line:+$(field requests "$line")} + 0 )); records=$((records * batch))
  record_cpu "$round" "$target" "$workload" "$records" "$(ticks_to_s $((server1 - server0)))" \
    "${broker:+$(ticks_to_s $((broker1 - broker0)))}" "$(ticks_to_s $((client1 - client0)))" "$valid" "$note"
  record_other "$round" "$target" "$workload" "$(ticks_to_s $((machine1 - machine0)))" \
    "$(ticks_to_s $((server1 - server0)))" "${broker:+$(ticks_to_s $((broker1 - broker0)))}" \
    "$(ticks_to_s $((client1 - client0)))" "$(awk -v a="$wall0" -v b="$wall1" 'BEGIN { print (b - a) / 1e9 }')" \
    "$valid" "$note"
  if [[ $target == runnel* || $target == ceiling ]]; then   # JVMs: is the JIT still compiling after the warm-up?
    local jit; jit=$(awk -v t="$(ticks_to_s $((jit1 - jit0)))" -v a="$wall0" -v b="$wall1" \
      'BEGIN { if (b > a) printf "%.2f", t / ((b - a) / 1e9) }')
    record "$round" "$target" "$workload.jit" "$jit" "$valid" "$note"
    log "$target $workload: the JIT compiler threads used ${jit:-?} cores during the measured run"
  fi
}

# Preloads a 1-shard stream and reads it back with each protocol the target supports.
run_reads() { # round target
  local round=$1 target=$2 port; port=$(port_of "$target")
  create_stream "$port" read 1 || { record "$round" "$target" get-json "" 0 "could not create the stream"; return 0; }
  local load; load=$(java -cp "$CLASSES" BenchClient load "$port" read "$READ_RECORDS" "$LOAD_TIMEOUT" 4 \
    2>>"$OUT/raw/r$round-$target-read-preload.err" | tee "$OUT/raw/r$round-$target-read-preload.out") || true
  local n; n=$(field records " $load"); n=${n:-0}
  log "$target read preload: $load"
  # The reader measures the CPU time of the server's (and the broker's) process group and its own over the
  # measured passes, the ones that count.
  local mode groups="server=$SERVER_PID"
  [[ $target != runnel-kafka || -z $BROKER_PID ]] || groups+=" broker=$BROKER_PID"
  for mode in json cbor rest; do
    supports "$target" "get-$mode" && has "$WORKLOADS" "get-$mode" || continue
    local raw=$OUT/raw/r$round-$target-get-$mode valid=1 note=""
    if (( n == 0 )); then valid=0; note="preload failed"
    elif ! BENCH_CPU_GROUPS=$groups BENCH_CLK_TCK=$CLK_TCK java -cp "$CLASSES" BenchClient read "$port" read "$mode" "$n" \
        "$READ_TIMEOUT" "$READ_WARMUP" "$READ_SECONDS" >"$raw.out" 2>"$raw.err"; then
      valid=0; note="$(head -c 200 "$raw.err" | tr '\t\n' '  ')"
    fi
    (( n == READ_RECORDS )) || note+=" N=$n"
    local line cpu; line=$(grep '^READ ' "$raw.out" 2>/dev/null | tail -1 || true)
    cpu=$(grep '^CPU ' "$raw.out" 2>/dev/null || true)
    [[ $valid == 1 ]] || log "INVALID $target get-$mode: $note"
    record "$round" "$target" "get-$mode" "$(field records_per_s " $line")" "$valid" "$note"
    record "$round" "$target" "get-$mode.p50" "$(field p50_ms " $line")" "$valid" "$note"
    record "$round" "$target" "get-$mode.p99" "$(field p99_ms " $line")" "$valid" "$note"
    log "$target get-$mode: $line"
    if [[ -n $cpu ]]; then
      record_cpu "$round" "$target" "get-$mode" "$(field records " $cpu")" "$(field server " $cpu")" \
        "$(field broker " $cpu")" "$(field client " $cpu")" "$valid" "$note"
      record_other "$round" "$target" "get-$mode" "$(field machine " $cpu")" "$(field server " $cpu")" \
        "$(field broker " $cpu")" "$(field client " $cpu")" "$(field seconds " $line")" "$valid" "$note"
    fi
  done
}

# Enhanced fan-out: for each consumer count, a fresh WRITE_SHARDS stream, every consumer subscribed to every
# shard, FANOUT_SECONDS of PutRecords; records delivered per second and put-to-receive latency.
run_fanout() { # round target
  local round=$1 target=$2 port; port=$(port_of "$target")
  local n
  # An unrecorded warm-up run first, as the wrk workloads have one: JIT warm-up dominates short runs.
  if [[ $(seconds "$WARMUP") != 0 ]] && create_stream "$port" fanout-warmup "$WRITE_SHARDS"; then
    timeout $((2 * FANOUT_SECONDS + 240)) java -cp "$CLASSES" FanOutBench "$port" fanout-warmup "$WRITE_SHARDS" 5 \
      "$FANOUT_SECONDS" "$FANOUT_PRODUCERS" "$FANOUT_BATCH" "$FANOUT_RATE" >"$OUT/raw/r$round-$target-fanout-warmup.out" 2>&1 || true
    delete_stream "$port" fanout-warmup
  fi
  for n in $FANOUT_CONSUMERS; do
    local raw=$OUT/raw/r$round-$target-fanout-$n valid=1 note="" stream=fanout-$n
    if ! create_stream "$port" "$stream" "$WRITE_SHARDS"; then
      record "$round" "$target" "fanout-$n" "" 0 "could not create the stream"; continue
    fi
    if ! timeout $((2 * FANOUT_SECONDS + 240)) java -cp "$CLASSES" FanOutBench "$port" "$stream" "$WRITE_SHARDS" "$n" \
        "$FANOUT_SECONDS" "$FANOUT_PRODUCERS" "$FANOUT_BATCH" "$FANOUT_RATE" >"$raw.out" 2>"$raw.err"; then
      valid=0; note="$(head -c 200 "$raw.err" | tr '\t\n' '  ')"
    fi
    local line; line=$(grep '^FANOUT ' "$raw.out" || true)
    [[ -n $line ]] || { valid=0; note+=" no result"; }
    local lost; lost=$(field lost "$line")
    [[ ${lost:-0} == 0 ]] || note+=" lost=$lost"
    [[ $valid == 1 ]] || log "INVALID $target fanout-$n: $note"
    record "$round" "$target" "fanout-$n" "$(field delivered_per_s "$line")" "$valid" "$note"
    record "$round" "$target" "fanout-$n.p50" "$(field p50_ms "$line")" "$valid" "$note"
    record "$round" "$target" "fanout-$n.p99" "$(field p99_ms "$line")" "$valid" "$note"
    log "$target fanout-$n: $line"
    delete_stream "$port" "$stream"
  done
}

# Fresh server: RSS growth (and, for JVMs, live-heap growth) per record over a preload of MEM_RECORDS, measured
# from after a first preload of MEM_WARM records into the same stream (memory.rss): the cost of one more stored
# record, without what a fresh process touches once whatever it stores (a JVM's young generation, V8's new space,
# code compiled during the first requests). memory.rss-fresh is the growth from the fresh server's RSS instead, over
# both preloads, per record.
run_memory() { # round target
  local round=$1 target=$2 port; port=$(port_of "$target")
  if ! start_server "$target" "$OUT/raw/r$round-$target-memory.log"; then
    record "$round" "$target" memory.rss "" 0 "did not start"; stop_server; return 0
  fi
  create_stream "$port" mem "$WRITE_SHARDS" || { record "$round" "$target" memory.rss "" 0 "could not create the stream"; stop_server; return 0; }
  sleep 1
  local fresh warm="" warm_n=0 rss0 heap0="" rss1 heap1=""; fresh=$(rss_kib "$SERVER_PID")
  if (( MEM_WARM > 0 )); then
    warm=$(java -cp "$CLASSES" BenchClient load "$port" mem "$MEM_WARM" "$LOAD_TIMEOUT" 4 \
      2>"$OUT/raw/r$round-$target-memory-warm.err") || true
    warm_n=$(field records " $warm"); warm_n=${warm_n:-0}
    sleep 1
  fi
  rss0=$(rss_kib "$SERVER_PID")
  [[ $target != runnel ]] || heap0=$(heap_used_kib "$SERVER_PID")
  local load valid=1 note=""
  (( warm_n == MEM_WARM )) || note+=" warm-up N=$warm_n"
  load=$(java -cp "$CLASSES" BenchClient load "$port" mem "$MEM_RECORDS" "$LOAD_TIMEOUT" 4 \
    2>"$OUT/raw/r$round-$target-memory-load.err") || { valid=0; note="preload failed"; }
  local n; n=$(field records " $load"); n=${n:-0}
  (( n > 0 )) || { valid=0; n=1; }
  (( n == MEM_RECORDS )) || note+=" N=$n"
  sleep 2
  rss1=$(rss_kib "$SERVER_PID")
  record "$round" "$target" memory.rss "$(( (rss1 - rss0) * 1024 / n ))" "$valid" "$note"
  record "$round" "$target" memory.rss-fresh "$(( (rss1 - fresh) * 1024 / (n + warm_n) ))" "$valid" "$note"
  if [[ $target == runnel ]]; then
    heap1=$(heap_used_kib "$SERVER_PID")
    record "$round" "$target" memory.heap "$(( (heap1 - heap0) * 1024 / n ))" "$valid" "$note"
  fi
  log "$target memory: warm-up ${warm:-none}; $load rss ${fresh}K (fresh) ${rss0}K -> ${rss1}K heap ${heap0:-?}K -> ${heap1:-?}K"
  stop_server
}

# Issue 19: a fresh runnel-file-interval with a small heap (RETAINED_HEAP) takes RETAINED_FACTOR times that heap in
# RETAINED_RECORD_BYTES records through PutRecords, on a WRITE_SHARDS stream kept for a week. At 10%, 50% and 100%
# of the volume: the live heap after a full GC, VmRSS and the data dir's bytes (MiB); "flat" is 100% / 10%. Then a
# sample read of shard 0 from TRIM_HORIZON: its first records were written nine heaps ago, so they come from the
# files (or the OS page cache in front of them), not from the heap.
mib() { awk -v b="$1" -v d="$2" 'BEGIN { printf "%.1f", b / d }'; }   # value divisor -> MiB, one decimal
run_retained() { # round target
  local round=$1 target=$2 port; port=$(port_of "$target")
  local raw=$OUT/raw/r$round-$target-retained heap_bytes; heap_bytes=$(bytes_of "$RETAINED_HEAP")
  # No RUNNEL_STORAGE (1GB) on this heap: with the file store HeapPlan counts no stored records, only the read and
  # request budgets (a sixteenth of the heap each, by default).
  SERVER_HEAP=$RETAINED_HEAP SERVER_STORAGE=""
  local started=1
  start_server "$target" "$raw.log" || started=0
  SERVER_HEAP=$JAVA_HEAP SERVER_STORAGE=$RUNNEL_STORAGE
  if (( ! started )); then
    record "$round" "$target" retained.heap.flat "" 0 "did not start"; log "INVALID $target retained-file: did not start"
    stop_server; return 0
  fi
  if ! create_stream "$port" retained "$WRITE_SHARDS" || ! aws "$port" IncreaseStreamRetentionPeriod \
      '{"StreamName":"retained","RetentionPeriodHours":168}' >/dev/null; then
    record "$round" "$target" retained.heap.flat "" 0 "could not create the stream"; stop_server; return 0
  fi
  local total written=0 valid=1 note="" t0 pct secs=0
  total=$(awk -v h="$heap_bytes" -v f="$RETAINED_FACTOR" -v b="$RETAINED_RECORD_BYTES" 'BEGIN { printf "%d", h * f / b }')
  local heap rss disk first_heap="" first_rss="" load n want left
  t0=$(date +%s)
  log "$target retained-file: -Xmx$RETAINED_HEAP, $total records of $RETAINED_RECORD_BYTES B ($RETAINED_FACTOR heaps)"
  log "$target retained-file at 0%: heap $(heap_used_kib "$SERVER_PID" || true)K rss $(rss_kib "$SERVER_PID")K"
  for pct in 10 50 100; do
    want=$((total * pct / 100 - written)) left=$((RETAINED_TIMEOUT - ($(date +%s) - t0)))
    if (( left < 1 )); then valid=0; note+="RETAINED_TIMEOUT before ${pct}% "; break; fi
    load=$(java -cp "$CLASSES" BenchClient load "$port" retained "$want" "$left" "$RETAINED_CONNECTIONS" \
      "$RETAINED_RECORD_BYTES" 2>"$raw-load-$pct.err") || true
    echo "$load" > "$raw-load-$pct.out"
    n=$(field records " $load"); n=${n:-0}; written=$((written + n))
    secs=$(awk -v a="$secs" -v b="$(field seconds " $load")" 'BEGIN { print a + b }')
    if (( n != want )); then
      valid=0; note+="to ${pct}%: $n of $want records acked ($(head -1 "$raw-load-$pct.err" | cut -c1-160 | tr '\t' ' ')) "
    fi
    sleep 1
    heap=$(heap_used_kib "$SERVER_PID" || true); rss=$(rss_kib "$SERVER_PID" || true); disk=$(du -sb "$SERVER_DATA" | cut -f1)
    [[ -n $heap && -n $rss ]] || { valid=0; note+="no heap or RSS figure at ${pct}% (server gone?) "; }
    record "$round" "$target" "retained.heap.$pct" "$(mib "$heap" 1024)" "$valid" "$note"
    record "$round" "$target" "retained.rss.$pct" "$(mib "$rss" 1024)" "$valid" "$note"
    record "$round" "$target" "retained.disk.$pct" "$(mib "$disk" 1048576)" "$valid" "$note"
    log "$target retained-file at $pct%: $written records ($(mib $((written * RETAINED_RECORD_BYTES)) 1048576) MiB of data)" \
      "heap ${heap}K rss ${rss}K ($(rss_parts "$SERVER_PID")) disk $(mib "$disk" 1048576) MiB; $load"
    first_heap=${first_heap:-$heap} first_rss=${first_rss:-$rss}
    [[ $valid == 1 ]] || break
  done
  [[ $valid == 1 ]] || log "INVALID $target retained-file: $note"
  record "$round" "$target" retained.written "$(mib $((written * RETAINED_RECORD_BYTES)) 1048576)" "$valid" "$note"
  record "$round" "$target" retained.puts "$(awk -v n="$written" -v s="$secs" 'BEGIN { if (s > 0) printf "%.1f", n / s }')" \
    "$valid" "$note"
  if [[ $pct == 100 && -n $first_heap ]]; then
    record "$round" "$target" retained.heap.flat "$(awk -v a="$heap" -v b="$first_heap" 'BEGIN { printf "%.3f", a / b }')" "$valid" "$note"
    record "$round" "$target" retained.rss.flat "$(awk -v a="$rss" -v b="$first_rss" 'BEGIN { printf "%.3f", a / b }')" "$valid" "$note"
  else
    record "$round" "$target" retained.heap.flat "" 0 "$note"
  fi
  # The sample read: shard 0 from TRIM_HORIZON, RETAINED_READ records or the whole shard if it holds fewer.
  local line rvalid=1 rnote=""
  if ! java -cp "$CLASSES" BenchClient sample "$port" retained "$RETAINED_READ" "$READ_TIMEOUT" >"$raw-read.out" 2>"$raw-read.err"; then
    rvalid=0; rnote="$(head -c 200 "$raw-read.err" | tr '\t\n' '  ')"
  fi
  line=$(grep '^SAMPLE ' "$raw-read.out" || true)
  n=$(field records " $line")
  if [[ ${n:-0} != "$RETAINED_READ" ]]; then
    rnote+=" N=${n:-0}"; [[ $rvalid == 0 ]] || rnote+=" (all of shard 0)"
  fi
  record "$round" "$target" retained.read "$(field records_per_s " $line")" "$rvalid" "$rnote"
  heap=$(heap_used_kib "$SERVER_PID" || true); rss=$(rss_kib "$SERVER_PID" || true)
  record "$round" "$target" retained.heap.read "$(mib "$heap" 1024)" "$rvalid" "$rnote"
  log "$target retained-file sample read: $line; then heap ${heap}K rss ${rss}K"
  stop_server
}

# ------------------------------------------------------------------ rounds

# One broker for every start of runnel-kafka, up before the machine's description (which names its version).
if has "$TARGETS" runnel-kafka; then start_broker; fi

# Milliseconds one core takes for a fixed awk loop (same work every run; lower is faster). Printed at the start and
# the end of a run: a shared VM can lose a third of its speed within an hour with no steal or other process visible
# from inside it (docs/BENCHMARKS.md, 2026-12-07), and a ratio measured then is only fair against peers in the same run.
calibrate() {
  local t0 t1
  t0=$(date +%s%N)
  awk 'BEGIN { for (i = 0; i < 20000000; i++) s += i % 7; exit s < 0 }'
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) x $(sed -nE 's/^model name\s*:\s*//p' /proc/cpuinfo | head -1)"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -1)${JAVA_HOME:+ (bin/runnel: JAVA_HOME=$JAVA_HOME, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))}; node: $(node --version); wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "runnel: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo '+dirty')"
  echo "knobs: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP READ_RECORDS=$READ_RECORDS READ_WARMUP=$READ_WARMUP READ_SECONDS=$READ_SECONDS MEM_RECORDS=$MEM_RECORDS MEM_WARM=$MEM_WARM"\
       "LOAD_TIMEOUT=$LOAD_TIMEOUT PUT_CONNECTIONS=$PUT_CONNECTIONS PUTS_CONNECTIONS=$PUTS_CONNECTIONS"\
       "WRK_THREADS=$WRK_THREADS WRITE_SHARDS=$WRITE_SHARDS JAVA_HEAP=$JAVA_HEAP RUNNEL_STORAGE=$RUNNEL_STORAGE RUNNEL_JAVA_OPTS=$RUNNEL_JAVA_OPTS"
  if has "$WORKLOADS" retained-file; then
    echo "retained-file: RETAINED_HEAP=$RETAINED_HEAP RETAINED_FACTOR=$RETAINED_FACTOR RETAINED_RECORD_BYTES=$RETAINED_RECORD_BYTES"\
         "RETAINED_CONNECTIONS=$RETAINED_CONNECTIONS RETAINED_READ=$RETAINED_READ"
  fi
  if has "$TARGETS" runnel-kafka; then
    echo "runnel-kafka: Kafka $(sed -nE 's/.*kafka_2\.13-([^:/]+)\.jar.*/\1/p' "${KAFKA_CLASSPATH_FILE:-bench/.kafka-classpath}" \
         2>/dev/null || true) broker (KRaft, one node) on 127.0.0.1:$KAFKA_PORT, BROKER_JAVA_OPTS=$BROKER_JAVA_OPTS;"\
         "KAFKA_REPLICATION=$KAFKA_REPLICATION KAFKA_RUNNEL_ARGS=$KAFKA_RUNNEL_ARGS"
  fi
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu calibration at start: $(calibrate) ms"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

for round in $(seq "$ROUNDS"); do
  for target in $TARGETS; do
    log "round $round/$ROUNDS: $target"
    if [[ $WORKLOADS =~ startup|put|get|fanout ]]; then
      if ! start_server "$target" "$OUT/raw/r$round-$target.log"; then
        record "$round" "$target" startup "" 0 "did not start"; log "INVALID $target: did not start"
        stop_server; continue
      fi
      if supports "$target" startup && has "$WORKLOADS" startup; then
        record "$round" "$target" startup "$STARTUP" 1 ""; record "$round" "$target" startup-cpu "$STARTUP_CPU" 1 ""
        log "$target startup: ${STARTUP}s, ${STARTUP_CPU} CPU-s"
      fi
      for w in put-aws:aws:1:$PUT_CONNECTIONS put-rest:rest:1:$PUT_CONNECTIONS \
               puts-aws:aws:500:$PUTS_CONNECTIONS puts-rest:rest:500:$PUTS_CONNECTIONS; do
        IFS=: read -r name edge batch conns <<< "$w"
        supports "$target" "$name" && has "$WORKLOADS" "$name" || continue
        run_wrk "$round" "$target" "$name" "$edge" "$batch" "$conns"
      done
      if [[ $WORKLOADS =~ get- ]] && supports "$target" get-json; then run_reads "$round" "$target"; fi
      if has "$WORKLOADS" fanout && supports "$target" fanout; then run_fanout "$round" "$target"; fi
      stop_server
    fi
    if has "$WORKLOADS" memory && supports "$target" memory; then run_memory "$round" "$target"; fi
    if has "$WORKLOADS" retained-file && supports "$target" retained-file; then run_retained "$round" "$target"; fi
    if [[ $target == runnel ]] && has "$WORKLOADS" startup-jar; then
      if start_server runnel-jar "$OUT/raw/r$round-runnel-jar.log"; then
        record "$round" runnel startup-jar "$STARTUP" 1 ""; record "$round" runnel startup-jar-cpu "$STARTUP_CPU" 1 ""
        log "runnel startup by java -jar: ${STARTUP}s, ${STARTUP_CPU} CPU-s"
      else
        record "$round" runnel startup-jar "" 0 "did not start"
      fi
      stop_server
    fi
  done
done

{
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu calibration at end: $(calibrate) ms"
} >> "$OUT/machine.txt"
rmdir "$OUT/data" 2>/dev/null || true   # empty unless KEEP_DATA=1
java -cp "$CLASSES" Report "$RESULTS" "$OUT/machine.txt" | tee "$OUT/report.md"
log "raw results in ${OUT#"$ROOT"/}"
