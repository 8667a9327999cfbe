#!/usr/bin/env bash
# Replays the seed blog post's AWS CLI session (shared/seed/NOTES.md, "The CLI session") against a Runnel
# endpoint, as a user types it, with the AWS CLI v2, and checks every answer.
#
#   usage: seed-session.sh ENDPOINT_URL [STREAM_NAME]      e.g. seed-session.sh http://localhost:4567
#
# Needs only bash, coreutils, sed, grep and the AWS CLI v2 (/usr/bin/aws, or $AWS_CLI). Exits non-zero with a
# message naming the first mismatch; on success the last line is "seed session: N checks passed".
set -euo pipefail

ENDPOINT=${1:?usage: seed-session.sh ENDPOINT_URL [STREAM_NAME]}
STREAM=${2:-myKinesis}
AWS=${AWS_CLI:-/usr/bin/aws}
SHARD=shardId-000000000000

# Dummy credentials and a fixed region; keep any local AWS configuration out of the way.
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER="" AWS_CLI_AUTO_PROMPT=off AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_MAX_ATTEMPTS=1
unset AWS_PROFILE AWS_REGION AWS_SESSION_TOKEN AWS_DEFAULT_OUTPUT AWS_CA_BUNDLE

CHECKS=0
ERR=$(mktemp)
trap 'rm -f "$ERR"' EXIT

fail() {
    echo "seed session: FAILED after $CHECKS checks: $*" >&2
    exit 1
}

# expect WHAT EXPECTED ACTUAL
expect() {
    [[ "$3" == "$2" ]] || fail "$1: expected '$2' but got '$3'"
    CHECKS=$((CHECKS + 1))
}

# expect_match WHAT EXTENDED_REGEX ACTUAL
expect_match() {
    [[ "$3" =~ $2 ]] || fail "$1: '$3' does not match /$2/"
    CHECKS=$((CHECKS + 1))
}

# kin ARGS...: one "aws kinesis" command; prints its output, or fails with the CLI's error.
kin() {
    if ! "$AWS" --endpoint-url "$ENDPOINT" --cli-connect-timeout 10 --cli-read-timeout 60 \
            kinesis "$@" 2>"$ERR"; then
        echo "seed session: FAILED: aws kinesis $* -> $(cat "$ERR")" >&2
        exit 1
    fi
}

# Epoch milliseconds of an ISO-8601 timestamp as the CLI prints it.
millis() {
    date -u -d "$1" +%s%3N || fail "not a timestamp: '$1'"
}

declare -A SEQ=()      # payload text -> sequence number from put-record
declare -A ARRIVAL=()  # payload text -> ApproximateArrivalTimestamp (epoch ms) from get-records

# put TEXT: aws kinesis put-record --stream-name S --partition-key 1 --data TEXT
put() {
    local out shard seq
    out=$(kin put-record --stream-name "$STREAM" --partition-key 1 --data "$1" \
        --cli-binary-format raw-in-base64-out --query '[ShardId,SequenceNumber]' --output text)
    IFS=$'\t' read -r shard seq <<<"$out"
    expect "put-record $1: ShardId" "$SHARD" "$shard"
    expect_match "put-record $1: SequenceNumber" '^(0|[1-9][0-9]{0,128})$' "$seq"
    SEQ[$1]=$seq
}

# iterator TYPE [more get-shard-iterator args]: prints a shard iterator.
iterator() {
    local type=$1 out
    shift
    out=$(kin get-shard-iterator --shard-id "$SHARD" --shard-iterator-type "$type" --stream-name "$STREAM" \
        "$@" --query ShardIterator --output text)
    [[ -n "$out" && "$out" != None ]] || fail "get-shard-iterator $type $*: no ShardIterator"
    printf '%s' "$out"
}

# read_records WHAT ITERATOR EXPECTED_TEXTS: get-records, then checks payloads (decoded from Base64), partition
# keys, sequence numbers, arrival timestamps, MillisBehindLatest 0 (always caught up here) and NextShardIterator.
read_records() {
    local what=$1 iterator=$2 expected=$3 out header millis next count data key seq arrival text
    local -a texts=()
    out=$(kin get-records --shard-iterator "$iterator" --output text --query \
        '[[MillisBehindLatest, NextShardIterator, length(Records)], Records[].[Data, PartitionKey, SequenceNumber, ApproximateArrivalTimestamp]]')
    header=${out%%$'\n'*}
    IFS=$'\t' read -r millis next count <<<"$header"
    while IFS=$'\t' read -r data key seq arrival; do
        text=$(printf '%s' "$data" | base64 -d 2>/dev/null) || fail "$what: Data '$data' is not Base64"
        [[ -n "${SEQ[$text]+set}" ]] || fail "$what: unexpected record '$text' (Data $data)"
        expect "$what: Data of $text" "$(printf '%s' "$text" | base64)" "$data"
        expect "$what: PartitionKey of $text" 1 "$key"
        expect "$what: SequenceNumber of $text" "${SEQ[$text]}" "$seq"
        ARRIVAL[$text]=$(millis "$arrival")
        texts+=("$text")
    done < <(tail -n +2 <<<"$out")
    expect "$what: records" "$expected" "${texts[*]-}"
    expect "$what: number of records" "${#texts[@]}" "$count"
    expect "$what: MillisBehindLatest" 0 "$millis"
    [[ -n "$next" && "$next" != None ]] || fail "$what: no NextShardIterator on an open shard"
    CHECKS=$((CHECKS + 1))
}

echo "seed session against $ENDPOINT, stream $STREAM"

# 3.1 aws kinesis create-stream --stream-name myKinesis --shard-count 1
out=$(kin create-stream --stream-name "$STREAM" --shard-count 1)
expect "create-stream output" "" "$out"

# aws kinesis describe-stream --stream-name myKinesis, until ACTIVE (CREATING shows no shards yet)
status=""
for attempt in $(seq 1 60); do
    out=$(kin describe-stream --stream-name "$STREAM" --output text \
        --query 'StreamDescription.[StreamStatus, StreamName, length(Shards)]')
    IFS=$'\t' read -r status name shards <<<"$out"
    expect "describe-stream: StreamName" "$STREAM" "$name"
    case "$status" in
        ACTIVE) break ;;
        CREATING) expect "describe-stream while CREATING: number of shards" 0 "$shards" ;;
        *) fail "describe-stream: StreamStatus '$status' is neither CREATING nor ACTIVE" ;;
    esac
    sleep 0.5
done
expect "describe-stream: StreamStatus within 60 attempts" ACTIVE "$status"
echo "stream is ACTIVE after $attempt describe-stream call(s)"

out=$(kin describe-stream --stream-name "$STREAM" --output text --query 'StreamDescription.[StreamStatus, StreamName,
    StreamARN, RetentionPeriodHours, EncryptionType, length(Shards), Shards[0].ShardId,
    Shards[0].HashKeyRange.StartingHashKey, Shards[0].HashKeyRange.EndingHashKey,
    Shards[0].SequenceNumberRange.StartingSequenceNumber, length(EnhancedMonitoring),
    length(EnhancedMonitoring[0].ShardLevelMetrics), StreamCreationTimestamp]')
IFS=$'\t' read -r status name arn retention encryption shards shard start end first monitoring metrics created <<<"$out"
expect "describe-stream: StreamStatus" ACTIVE "$status"
expect "describe-stream: StreamName" "$STREAM" "$name"
expect_match "describe-stream: StreamARN" "^arn:aws:kinesis:us-east-1:[0-9]{12}:stream/$STREAM\$" "$arn"
expect "describe-stream: RetentionPeriodHours" 24 "$retention"
expect "describe-stream: EncryptionType" NONE "$encryption"
expect "describe-stream: number of shards" 1 "$shards"
expect "describe-stream: ShardId" "$SHARD" "$shard"
expect "describe-stream: StartingHashKey" 0 "$start"
expect "describe-stream: EndingHashKey" 340282366920938463463374607431768211455 "$end"
expect_match "describe-stream: StartingSequenceNumber" '^(0|[1-9][0-9]{0,128})$' "$first"
expect "describe-stream: EnhancedMonitoring entries" 1 "$monitoring"
expect "describe-stream: ShardLevelMetrics" 0 "$metrics"
millis "$created" >/dev/null
CHECKS=$((CHECKS + 1))

# 3.2 aws kinesis put-record --stream-name myKinesis --partition-key 1 --data test1 ... test6
for i in 1 2 3 4 5 6; do
    put "test$i"
done

# 3.3 TRIM_HORIZON: test1…test6; Data of test1 is dGVzdDE=
it=$(iterator TRIM_HORIZON)
read_records "TRIM_HORIZON" "$it" "test1 test2 test3 test4 test5 test6"
out=$(kin get-records --shard-iterator "$it" --query 'Records[0].Data' --output text)
expect "TRIM_HORIZON: first Data as printed" dGVzdDE= "$out"

# 3.3.1 AT_SEQUENCE_NUMBER with test6's number: test6
it=$(iterator AT_SEQUENCE_NUMBER --starting-sequence-number "${SEQ[test6]}")
read_records "AT_SEQUENCE_NUMBER test6" "$it" "test6"

# 3.3.2 AFTER_SEQUENCE_NUMBER: strictly after; test5's number gives test6, test4's gives test5 and test6
it=$(iterator AFTER_SEQUENCE_NUMBER --starting-sequence-number "${SEQ[test5]}")
read_records "AFTER_SEQUENCE_NUMBER test5" "$it" "test6"
it=$(iterator AFTER_SEQUENCE_NUMBER --starting-sequence-number "${SEQ[test4]}")
read_records "AFTER_SEQUENCE_NUMBER test4" "$it" "test5 test6"

# 3.3.3 LATEST: empty at first; the same iterator then returns everything put after it was made
latest=$(iterator LATEST)
read_records "LATEST before test7" "$latest" ""
put test7
read_records "LATEST after test7" "$latest" "test7"

# The CLI sends AT_TIMESTAMP in whole seconds: pick a second strictly after test7 and at or before test8.
sleep 1.1
timestamp=$(date +%s)
sleep 1.1
put test8
put test9
read_records "LATEST after test8, test9" "$latest" "test7 test8 test9"
put test10

# 3.3.4 AT_TIMESTAMP between test7 and test8: test8, test9, test10
(( ARRIVAL[test7] < timestamp * 1000 )) \
    || fail "test7 arrived at ${ARRIVAL[test7]} ms, not before the chosen second $timestamp"
(( ARRIVAL[test8] >= timestamp * 1000 )) \
    || fail "test8 arrived at ${ARRIVAL[test8]} ms, before the chosen second $timestamp"
CHECKS=$((CHECKS + 2))
it=$(iterator AT_TIMESTAMP --timestamp "$timestamp")
read_records "AT_TIMESTAMP $timestamp" "$it" "test8 test9 test10"

echo "seed session: $CHECKS checks passed"
