-- wrk script for the write workloads of bench/run.sh: PutRecord / PutRecords with 100-byte records
-- and random partition keys, on the AWS JSON 1.1 edge (POST /) or Runnel's REST edge.
-- Configured by environment variables (wrk passes none through its command line to threads):
--   BENCH_EDGE   aws | rest          (default aws)
--   BENCH_STREAM stream name         (default bench)
--   BENCH_BATCH  1 = PutRecord, n>1 = PutRecords of n records (default 1)
--   BENCH_POOL   pre-built requests per thread, cycled (default 512 single, 16 batch)
-- Requests are built once per thread so that the generator spends its time sending, not in Lua.
-- Every answer with a status of 400 or more (wrk's own count, "status"), every PutRecords answer that is
-- not 2xx and every one whose FailedRecordCount is not 0 is counted; done() prints one machine-readable
-- "WRK ..." line that bench/run.sh parses.

local edge   = os.getenv("BENCH_EDGE") or "aws"
local stream = os.getenv("BENCH_STREAM") or "bench"
local batch  = tonumber(os.getenv("BENCH_BATCH") or "1")
local pool   = tonumber(os.getenv("BENCH_POOL") or (batch > 1 and "16" or "512"))

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local LAST = { "A", "Q", "g", "w" } -- base64 digits whose low 4 bits are 0 (canonical 1-byte tail)

-- Base64 of 100 random bytes: 33 full groups (132 digits), then 1 byte as 2 digits and "==".
local function data100()
  local t = {}
  for i = 1, 133 do
    local k = math.random(64)
    t[i] = B64:sub(k, k)
  end
  t[134] = LAST[math.random(4)]
  return table.concat(t) .. "=="
end

local function key()
  return string.format("pk-%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end

local function body()
  if batch <= 1 then
    if edge == "rest" then
      return string.format('{"partitionKey":"%s","data":"%s"}', key(), data100())
    end
    return string.format('{"StreamName":"%s","Data":"%s","PartitionKey":"%s"}', stream, data100(), key())
  end
  local recs = {}
  for i = 1, batch do
    if edge == "rest" then
      recs[i] = string.format('{"partitionKey":"%s","data":"%s"}', key(), data100())
    else
      recs[i] = string.format('{"Data":"%s","PartitionKey":"%s"}', data100(), key())
    end
  end
  if edge == "rest" then
    return '{"records":[' .. table.concat(recs, ",") .. ']}'
  end
  return string.format('{"StreamName":"%s","Records":[%s]}', stream, table.concat(recs, ","))
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local requests = {}
local n = 0
non2xx = 0
failed_batches = 0

function init(args)
  math.randomseed(os.time() * 1000 + id)
  local path, headers
  if edge == "rest" then
    path = "/streams/" .. stream .. (batch > 1 and "/records/batch" or "/records")
    headers = { ["Content-Type"] = "application/json" }
  else
    path = "/"
    headers = {
      ["Content-Type"] = "application/x-amz-json-1.1",
      ["X-Amz-Target"] = "Kinesis_20131202." .. (batch > 1 and "PutRecords" or "PutRecord"),
      -- Well-formed but unsigned: the servers read the scope, none checks the signature.
      ["Authorization"] = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, "
          .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64),
      ["X-Amz-Date"] = "20260101T000000Z",
    }
  end
  for i = 1, pool do
    requests[i] = wrk.format("POST", path, headers, body())
  end
end

function request()
  n = n + 1
  if n > pool then n = 1 end
  return requests[n]
end

-- Only PutRecords answers are read in Lua (for FailedRecordCount): a response() callback makes wrk copy every
-- answer's headers and body into Lua, CPU taken from the server on the same cores. Without it, wrk itself counts
-- answers that are not 2xx or 3xx (summary.errors.status), and PutRecord answers no 3xx.
if batch > 1 then
  function response(status, headers, resp)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    elseif not resp:find('ailedRecordCount"%s*:%s*0%s*[,}]') then
      failed_batches = failed_batches + 1
    end
  end
end

function done(summary, latency, reqs)
  local bad, failed = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    failed = failed + t:get("failed_batches")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "WRK requests=%d duration_s=%.3f rps=%.1f records_per_s=%.1f p50_ms=%.3f p99_ms=%.3f " ..
    "non2xx=%d failed_batches=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, secs, summary.requests / secs, summary.requests * math.max(batch, 1) / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    bad, failed, e.connect, e.read, e.write, e.timeout, e.status))
end
