-- What every benchmark's wrk script shares (loaded with dofile before the script's own
-- functions): reading its input files, each thread's counts of the answers, and done(), which
-- gathers them from every thread and prints one line, "BENCH_JSON {...}", with requests/s,
-- latency percentiles, errors, the requests issued by kind, the status codes and the bodies of
-- any non-2xx answer.
-- benchlib.run_wrk reads that line and names this file's folder in MH_BENCH_LIB.
--
-- Each wrk thread has its own Lua state: counters live there and done() (in the main state)
-- collects them through the thread objects that setup() kept.

-- ---------------------------------------------------------------------------------------
-- main state: one entry per thread, for done()

local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  threads[#threads + 1] = thread
end

-- ---------------------------------------------------------------------------------------
-- thread state

-- The non-empty lines of the input file `name` in MH_BENCH_DATA (none when it is missing).
function data_lines(name)
  local out = {}
  local f = io.open((os.getenv("MH_BENCH_DATA") or ".") .. "/" .. name, "r")
  if not f then return out end
  for line in f:lines() do
    if line ~= "" then out[#out + 1] = line end
  end
  f:close()
  return out
end

issued = {}      -- requests issued, by kind (for the scripts that count them)
statuses = {}    -- responses, by status code
samples = {}     -- non-2xx answers: "status body" -> count (at most 20 different ones)
nsamples = 0

function count(kind)
  issued[kind] = (issued[kind] or 0) + 1
end

-- Counts the statuses, and the different bodies of the answers outside 2xx.
function count_response(status, body)
  statuses[status] = (statuses[status] or 0) + 1
  if (status < 200 or status >= 300) and body then
    local key = status .. " " .. body:sub(1, 300)
    if samples[key] then
      samples[key] = samples[key] + 1
    elseif nsamples < 20 then
      samples[key] = 1
      nsamples = nsamples + 1
    end
  end
end

-- ---------------------------------------------------------------------------------------
-- done(): back in the main state

local function json_string(s)
  s = tostring(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end

local function json_table(t)
  local parts = {}
  for k, v in pairs(t) do
    local value = type(v) == "number" and string.format("%d", v) or json_string(v)
    parts[#parts + 1] = json_string(k) .. ":" .. value
  end
  table.sort(parts)
  return "{" .. table.concat(parts, ",") .. "}"
end

local function merge(into, from)
  for k, v in pairs(from or {}) do
    if type(v) == "number" then into[k] = (into[k] or 0) + v
    elseif into[k] == nil then into[k] = v end
  end
end

function done(summary, latency, requests)
  local all_issued, all_statuses, all_samples = {}, {}, {}
  for _, t in ipairs(threads) do
    merge(all_issued, t:get("issued"))
    merge(all_statuses, t:get("statuses"))
    merge(all_samples, t:get("samples"))
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local ms = function(us) return string.format("%.3f", us / 1000) end
  io.write("BENCH_JSON {",
    '"requests":', string.format("%d", summary.requests), ",",
    '"duration_s":', string.format("%.3f", seconds), ",",
    '"rps":', string.format("%.1f", summary.requests / seconds), ",",
    '"bytes":', string.format("%d", summary.bytes), ",",
    '"latency_ms":{"mean":', ms(latency.mean), ',"p50":', ms(latency:percentile(50)),
    ',"p90":', ms(latency:percentile(90)), ',"p99":', ms(latency:percentile(99)),
    ',"max":', ms(latency.max), "},",
    '"errors":{"connect":', e.connect, ',"read":', e.read, ',"write":', e.write,
    ',"status":', e.status, ',"timeout":', e.timeout, "},",
    '"issued":', json_table(all_issued), ",",
    '"statuses":', json_table(all_statuses), ",",
    '"samples":', json_table(all_samples),
    "}\n")
end
