-- wrk script of the recommendation benchmark (bench/recommend/bench.py runs it, bounded with
-- -t/-c/-d on 127.0.0.1).
--
--   MH_BENCH_DATA/tokens.txt  one personal API token per line, one per benchmark mentee
--   MH_BENCH_PATH             the request path (default /api/v1/me/recommendations?limit=10)
--   MH_BENCH_AUTH             "0" sends no Authorization header (the /healthz reference)
--
-- Each request goes to the next mentee's token in turn (each wrk thread starts at its own
-- offset), so the server scores many different mentees. done() (bench/wrk_report.lua's) prints
-- one line, "BENCH_JSON {...}": requests/s, latency percentiles in ms, socket errors and status
-- counts.
dofile((os.getenv("MH_BENCH_LIB") or "..") .. "/wrk_report.lua")

local path = os.getenv("MH_BENCH_PATH") or "/api/v1/me/recommendations?limit=10"
local with_auth = os.getenv("MH_BENCH_AUTH") ~= "0"

-- thread state
headers = {}
turn = 0

function init(args)
  for i, t in ipairs(data_lines("tokens.txt")) do headers[i] = {["Authorization"] = "Bearer " .. t} end
  if #headers == 0 or not with_auth then headers = {{}} end
  turn = (tid or 0) * 7
end

function request()
  turn = turn + 1
  return wrk.format("GET", path, headers[(turn % #headers) + 1])
end

function response(status, hdrs, body)
  count_response(status, body)
end
