#!/usr/bin/env bash
# One Kafka 4.4 broker for the benchmark (issue 20): a combined broker-and-controller KRaft node on loopback, run
# from the Maven test classpath (org.apache.kafka:kafka_2.13, a test dependency; nothing is downloaded beyond what
# Maven's local repository holds), with the settings of src/test/java/dev/runnel/storage/kafka/TestBroker.java.
#
#   bench/kafka-broker.sh start <dir> <port> [controller-port]
#       formats <dir>/data and starts the broker on 127.0.0.1:<port>, its controller on [controller-port] (default:
#       the first free port from <port>+100), in a process group of its own; returns once the broker has logged
#       "Kafka Server started" and accepts connections. Writes <dir>/server.properties, <dir>/logback.xml,
#       <dir>/broker.log and <dir>/broker.pid (the PID, which is also the process group's id).
#   bench/kafka-broker.sh stop <dir>
#       SIGTERM to the process group in <dir>/broker.pid (a controlled shutdown), SIGKILL after BROKER_STOP_TIMEOUT
#       seconds; leaves <dir> (log and data) in place. Does nothing when that process is gone or is not this
#       directory's broker (a reused PID).
#
# Environment:
#   BROKER_JAVA_OPTS="-Xmx1g -XX:+UseSerialGC"   the broker JVM's options (full JIT, unlike TestBroker's C1 only:
#                                                 the benchmark measures the broker's CPU per record)
#   BROKER_START_TIMEOUT=90 BROKER_STOP_TIMEOUT=30
#   KAFKA_CLASSPATH_FILE=bench/.kafka-classpath  the test classpath, computed once with
#       ./mvnw -o dependency:build-classpath and again when pom.xml is newer or a jar of it has gone
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BROKER_JAVA_OPTS=${BROKER_JAVA_OPTS:-"-Xmx1g -XX:+UseSerialGC"}
BROKER_START_TIMEOUT=${BROKER_START_TIMEOUT:-90}
BROKER_STOP_TIMEOUT=${BROKER_STOP_TIMEOUT:-30}
KAFKA_CLASSPATH_FILE=${KAFKA_CLASSPATH_FILE:-$ROOT/bench/.kafka-classpath}

usage() { echo "usage: bench/kafka-broker.sh start <dir> <port> [controller-port] | stop <dir>" >&2; exit 2; }
say() { echo "kafka-broker: $*" >&2; }

# Whether a TCP connection to 127.0.0.1:<port> succeeds (bash's /dev/tcp: no process per attempt).
answers() { # port
  { exec 8<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  exec 8<&- 8>&-
}

# The Maven test classpath (kafka_2.13 and its dependencies, logback for its logging), cached in
# KAFKA_CLASSPATH_FILE; computed offline from the local repository.
classpath() {
  local file=$KAFKA_CLASSPATH_FILE fresh=1 jar
  if [[ ! -s $file || $ROOT/pom.xml -nt $file ]]; then fresh=0
  else
    IFS=: read -r -a jars < "$file"
    for jar in "${jars[@]}"; do [[ -f $jar ]] || { fresh=0; break; }; done
  fi
  if (( ! fresh )); then
    say "computing the test classpath (./mvnw -o dependency:build-classpath) into ${file#"$ROOT"/}"
    mkdir -p "$(dirname "$file")"
    ./mvnw -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$file" >&2
  fi
  grep -q 'kafka_2\.13-' "$file" || { say "no kafka_2.13 jar on the test classpath in $file"; exit 1; }
  cat "$file"
}

# Whether <pid> is the broker started from <dir> (guards against a PID reused since).
is_broker() { # pid dir
  local cmdline
  cmdline=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *kafka.Kafka* && $cmdline == *"$2/server.properties"* ]]
}

start() { # dir port [controller-port]
  local dir port=$2 controller=${3:-}
  mkdir -p "$1"; dir=$(cd "$1" && pwd)
  if [[ -f $dir/broker.pid ]] && is_broker "$(cat "$dir/broker.pid")" "$dir"; then
    say "a broker from $dir is already running (PID $(cat "$dir/broker.pid"))"; exit 1
  fi
  if answers "$port"; then say "port $port is already in use"; exit 1; fi
  if [[ -z $controller ]]; then
    for controller in $(seq $((port + 100)) $((port + 199))); do answers "$controller" || break; done
  fi
  if answers "$controller"; then say "controller port $controller is already in use"; exit 1; fi
  local cp; cp=$(classpath)
  rm -rf -- "$dir/data" "$dir/broker.pid"
  # TestBroker's settings: one node, no replication, no automatic topics (the store creates its own), groups
  # without delays.
  cat > "$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=500
log.segment.delete.delay.ms=1000
file.delete.delay.ms=1000
EOF
  # Kafka logs through slf4j to logback here (the test classpath), whose default is DEBUG on stdout: warnings only,
  # but the line that says the broker is up.
  cat > "$dir/logback.xml" <<'EOF'
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
EOF
  local logging=(-Dlogback.configurationFile="$dir/logback.xml")
  local uuid
  uuid=$(java "${logging[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$dir/format.log" | tail -1)
  [[ $uuid =~ ^[A-Za-z0-9_-]{22}$ ]] || { say "no cluster id from StorageTool random-uuid (see $dir/format.log)"; exit 1; }
  if ! java "${logging[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$uuid" -c "$dir/server.properties" \
      >>"$dir/format.log" 2>&1; then
    say "formatting $dir/data failed (see $dir/format.log)"; exit 1
  fi
  # Its own process group (setsid execs java: this script is no group leader), so stop reaches every process.
  # shellcheck disable=SC2086
  setsid java $BROKER_JAVA_OPTS "${logging[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" \
    >"$dir/broker.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" > "$dir/broker.pid"
  local deadline=$((SECONDS + BROKER_START_TIMEOUT))
  until grep -q 'Kafka Server started' "$dir/broker.log" && answers "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the broker stopped while starting:"; tail -20 "$dir/broker.log" >&2; rm -f "$dir/broker.pid"; exit 1
    fi
    if (( SECONDS > deadline )); then
      say "the broker was not up within ${BROKER_START_TIMEOUT}s (see $dir/broker.log); stopping it"
      stop "$dir"; exit 1
    fi
    sleep 0.2
  done
  say "broker up on 127.0.0.1:$port (controller :$controller), PID $pid, data in $dir/data"
}

stop() { # dir
  local dir pid
  dir=$(cd "$1" 2>/dev/null && pwd) || { say "no directory $1"; return 0; }
  [[ -f $dir/broker.pid ]] || { say "no broker.pid in $dir"; return 0; }
  pid=$(cat "$dir/broker.pid")
  if ! is_broker "$pid" "$dir"; then
    say "PID $pid is not the broker of $dir (already stopped)"; rm -f "$dir/broker.pid"; return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null || true
  local deadline=$((SECONDS + BROKER_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "the broker did not stop within ${BROKER_STOP_TIMEOUT}s: SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/broker.pid"
  say "broker $pid stopped"
}

case ${1:-} in
  start) (( $# >= 3 && $# <= 4 )) || usage; start "$2" "$3" "${4:-}" ;;
  stop) (( $# == 2 )) || usage; stop "$2" ;;
  *) usage ;;
esac
