-- Shared by the store benchmark's wrk scripts (loaded with dofile by each mix).
--
-- Inputs, written by bench/store/bench.py into MH_BENCH_DATA:
--   tokens.txt   one line per benchmark person: "person_id api_token mentor_id mentor_id mentor_id"
--   people.txt   the ids of every active person (for GET /api/v1/people/{id})
--   cursors.txt  the next_cursor values of GET /api/v1/people?limit=20, page by page
-- MH_BENCH_THREADS is wrk's -t, so that each thread takes its own share of the tokens.
--
-- The counts of the answers and done(), which prints the "BENCH_JSON {...}" line, are
-- bench/wrk_report.lua's.
dofile((os.getenv("MH_BENCH_LIB") or "..") .. "/wrk_report.lua")

local nthreads = tonumber(os.getenv("MH_BENCH_THREADS") or "1")

local function words(line)
  local out = {}
  for w in line:gmatch("%S+") do out[#out + 1] = w end
  return out
end

-- ---------------------------------------------------------------------------------------
-- thread state

people = {}      -- every active person id
cursors = {}     -- people-list cursors ("" is the first page)
mine = {}        -- this thread's benchmark people: {id=, auth=, mentors={...}}
serial = 0

function load_inputs()
  people = data_lines("people.txt")
  cursors = {""}
  for _, c in ipairs(data_lines("cursors.txt")) do cursors[#cursors + 1] = c end
  local all = data_lines("tokens.txt")
  for i, line in ipairs(all) do
    if (i - 1) % nthreads == tid then
      local w = words(line)
      mine[#mine + 1] = {id = w[1], auth = "Bearer " .. w[2], mentors = {w[3], w[4], w[5]}}
    end
  end
  math.randomseed(1000 + 7919 * tid)
end

-- wrk calls request() once on thread 0 before the run, to check what it returns; that request
-- is never sent, so it must not count nor change any state.
local checked = false
function is_wrk_check()
  if checked then return false end
  checked = true
  return tid == 0
end

function pick(list)
  return list[math.random(#list)]
end

local json_headers_cache = {}

-- The headers of an authenticated request, with a JSON content type when there is a body.
function headers_for(who, with_body)
  local key = who.auth .. (with_body and "j" or "")
  local h = json_headers_cache[key]
  if not h then
    h = {["Authorization"] = who.auth}
    if with_body then h["Content-Type"] = "application/json" end
    json_headers_cache[key] = h
  end
  return h
end

-- The four reads both mixes use. `rel_query` lets the write mix ask only for open requests,
-- so the growing history of withdrawn requests does not skew the read.
function read_request(r, who, rel_query)
  if r == 1 then
    count("GET /me")
    return wrk.format("GET", "/api/v1/me", headers_for(who, false))
  elseif r == 2 then
    count("GET /people?limit=20")
    local c = pick(cursors)
    local path = "/api/v1/people?limit=20"
    if c ~= "" then path = path .. "&cursor=" .. c end
    return wrk.format("GET", path, headers_for(who, false))
  elseif r == 3 then
    count("GET /people/{id}")
    return wrk.format("GET", "/api/v1/people/" .. pick(people), headers_for(who, false))
  else
    count("GET /relationships")
    return wrk.format("GET", "/api/v1/relationships" .. (rel_query or ""), headers_for(who, false))
  end
end

function patch_me(who)
  count("PATCH /me")
  serial = serial + 1
  local body = string.format('{"bio":"Benchmark bio %d-%d: learning to mentor and be mentored."}', tid, serial)
  return wrk.format("PATCH", "/api/v1/me", headers_for(who, true), body)
end

-- What every mix does on init() and response(), unless it defines its own (which then calls
-- load_inputs() and count_response() itself).
function init(args)
  load_inputs()
end

function response(status, headers, body)
  count_response(status, body)
end
