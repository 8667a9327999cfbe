// The blog post's session through the TypeScript client generated from docs/openapi.json (typescript-fetch).
// GeneratedTypeScriptClientIT compiles this file with the client and runs it against a started Runnel:
//   node seed-session.js http://localhost:<port>
// It prints one JSON line with what it saw and exits non-zero on the first thing that is not as expected.
import {
    Configuration,
    GetShardIteratorRequestTypeEnum,
    ProblemFromJSON,
    RecordsApi,
    ResponseError,
    ShardIteratorsApi,
    StreamDescriptionStatusEnum,
    StreamsApi,
} from './client';

declare const process: { argv: string[]; exit(code: number): never };

const STREAM = 'myKinesis';
const SHARD = 'shardId-000000000000';
const config = new Configuration({ basePath: process.argv[2] });
const streams = new StreamsApi(config);
const records = new RecordsApi(config);
const iterators = new ShardIteratorsApi(config);

function check(condition: boolean, what: string): void {
    if (!condition) {
        throw new Error('Not as expected: ' + what);
    }
}

function decode(base64: string): string {
    return new TextDecoder().decode(Uint8Array.from(atob(base64), c => c.charCodeAt(0)));
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function iterator(type: GetShardIteratorRequestTypeEnum, extra: { startingSequenceNumber?: string; timestamp?: Date } = {}) {
    const result = await iterators.getShardIterator({
        getShardIteratorRequest: { streamName: STREAM, shardId: SHARD, type, ...extra },
    });
    return result.shardIterator;
}

async function read(shardIterator: string): Promise<string[]> {
    const page = await records.getRecords({ name: STREAM, shardIterator });
    check(typeof page.nextShardIterator === 'string', 'a nextShardIterator on an open shard');
    check(page.millisBehindLatest === 0, 'millisBehindLatest 0 when caught up');
    return page.records.map(r => decode(r.data));
}

async function main() {
    const created = await streams.createStream({ createStreamRequest: { streamName: STREAM, shardCount: 1 } });
    check(created.status === StreamDescriptionStatusEnum.Creating, 'CREATING at first, was ' + created.status);
    let status = created.status;
    for (let i = 0; i < 50 && status !== StreamDescriptionStatusEnum.Active; i++) {
        await sleep(100);
        status = (await streams.describeStream({ name: STREAM })).status;
    }
    const described = await streams.describeStream({ name: STREAM });
    check(described.status === StreamDescriptionStatusEnum.Active, 'ACTIVE after the create delay');
    check(described.shards[0].shardId === SHARD, 'one shard, ' + SHARD);
    check(described.streamCreationTimestamp instanceof Date, 'the creation time as a Date');

    const seq: string[] = [];
    for (let i = 1; i <= 6; i++) {
        const put = await records.putRecord({ name: STREAM, putRecordRequest: { partitionKey: '1', text: 'test' + i } });
        check(put.shardId === SHARD, 'stored on ' + SHARD);
        check(/^\d{56}$/.test(put.sequenceNumber), 'a 56-digit sequence number');
        seq.push(put.sequenceNumber);
    }
    const seen: Record<string, string[]> = {};
    seen.TRIM_HORIZON = await read(await iterator(GetShardIteratorRequestTypeEnum.TrimHorizon));
    seen.AT_SEQUENCE_NUMBER = await read(await iterator(GetShardIteratorRequestTypeEnum.AtSequenceNumber,
        { startingSequenceNumber: seq[5] }));
    seen.AFTER_SEQUENCE_NUMBER = await read(await iterator(GetShardIteratorRequestTypeEnum.AfterSequenceNumber,
        { startingSequenceNumber: seq[3] }));

    const latest = await iterator(GetShardIteratorRequestTypeEnum.Latest);
    seen.LATEST_BEFORE = await read(latest);
    await records.putRecord({ name: STREAM, putRecordRequest: { partitionKey: '1', text: 'test7' } });
    seen.LATEST = await read(latest);

    await sleep(20);
    await records.putRecords({ name: STREAM, putRecordsRequest: { records: [
        { partitionKey: '1', text: 'test8' }, { partitionKey: '1', data: btoa('test9') }] } });
    const page = await records.getRecords({ name: STREAM, shardIterator: await iterator(GetShardIteratorRequestTypeEnum.TrimHorizon) });
    const test8 = page.records.find(r => decode(r.data) === 'test8');
    check(test8 !== undefined && test8.approximateArrivalTimestamp instanceof Date, 'test8 with its arrival time');
    seen.AT_TIMESTAMP = await read(await iterator(GetShardIteratorRequestTypeEnum.AtTimestamp,
        { timestamp: test8!.approximateArrivalTimestamp }));

    let errorType = 'none';
    try {
        await streams.describeStream({ name: 'noSuchStream' });
    } catch (e) {
        check(e instanceof ResponseError, 'a ResponseError for an unknown stream');
        const response = (e as ResponseError).response;
        check(response.status === 404, '404 for an unknown stream, was ' + response.status);
        errorType = ProblemFromJSON(await response.json()).errorType;
    }
    console.log(JSON.stringify({ seen, errorType }));
}

main().catch(e => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
});
