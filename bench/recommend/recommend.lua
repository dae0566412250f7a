-- wrk script of the recommendation benchmark (bench/recommend/bench.py runs it, bounded with
-- -t/-c/-d on 127.0.0.1).
--
--   MH_BENCH_DATA/tokens.txt  one personal API token per line, one per benchmark mentee
--   MH_BENCH_PATH             the request path (default /api/v1/me/recommendations?limit=10)
--   MH_BENCH_AUTH             "0" sends no Authorization header (the /healthz reference)
--
-- Each request goes to the next mentee's token in turn (each wrk thread starts at its own
-- offset), so the server scores many different mentees. done() prints one line,
-- "BENCH_JSON {...}": requests/s, latency percentiles in ms, socket errors and status counts.

local data_dir = os.getenv("MH_BENCH_DATA") or "."
local path = os.getenv("MH_BENCH_PATH") or "/api/v1/me/recommendations?limit=10"
local with_auth = os.getenv("MH_BENCH_AUTH") ~= "0"

-- main state: the threads, for done()
local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  threads[#threads + 1] = thread
end

-- thread state
headers = {}
statuses = {}
turn = 0

function init(args)
  local tokens = {}
  local f = io.open(data_dir .. "/tokens.txt", "r")
  if f then
    for line in f:lines() do
      if line ~= "" then tokens[#tokens + 1] = line end
    end
    f:close()
  end
  for i, t in ipairs(tokens) do headers[i] = {["Authorization"] = "Bearer " .. t} end
  if #headers == 0 or not with_auth then headers = {{}} end
  turn = (tid or 0) * 7
end

function request()
  turn = turn + 1
  return wrk.format("GET", path, headers[(turn % #headers) + 1])
end

function response(status, hdrs, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses") or {}) do all[k] = (all[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(all) do parts[#parts + 1] = string.format('"%d":%d', k, v) end
  table.sort(parts)
  local seconds = summary.duration / 1e6
  local ms = function(us) return string.format("%.3f", us / 1000) end
  local e = summary.errors
  io.write("BENCH_JSON {",
    '"requests":', string.format("%d", summary.requests), ",",
    '"duration_s":', string.format("%.3f", seconds), ",",
    '"rps":', string.format("%.1f", summary.requests / seconds), ",",
    '"latency_ms":{"mean":', ms(latency.mean), ',"p50":', ms(latency:percentile(50)),
    ',"p90":', ms(latency:percentile(90)), ',"p99":', ms(latency:percentile(99)),
    ',"max":', ms(latency.max), "},",
    '"errors":{"connect":', e.connect, ',"read":', e.read, ',"write":', e.write,
    ',"status":', e.status, ',"timeout":', e.timeout, "},",
    '"statuses":{', table.concat(parts, ","), "}}\n")
end
