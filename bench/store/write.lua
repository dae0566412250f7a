-- Write-heavy mix: 50% reads (GET /api/v1/me, GET /api/v1/people?limit=20 with rotating
-- cursors, GET /api/v1/people/{random id}, GET /api/v1/relationships?state=requested), 25%
-- PATCH /api/v1/me (a new bio), and 25% a mentoring request's life: POST /api/v1/relationships
-- (a mentee asks a mentor) and later POST /api/v1/relationships/{id}/withdraw.
--
-- Repeatable: each benchmark person has three slots, each with its own mentor (never one of
-- the benchmark people, never their manager), so a mentee never has more than the three open
-- requests the rules allow, and a pair is asked again only after its last request was
-- withdrawn. A slot goes free -> creating -> open (the 201 gives its id) -> withdrawing -> free
-- (the 200 says "withdrawn"). Responses come back in any order across connections, so the
-- slot is found from the pair named in the response body. When no slot is free or open (all in
-- flight), the write is a PATCH /api/v1/me instead, counted as such.
dofile((os.getenv("MH_BENCH_LUA") or ".") .. "/common.lua")

local slots = {}
local slot_of_pair = {}

function init(args)
  load_inputs()
  for _, who in ipairs(mine) do
    for _, mentor in ipairs(who.mentors) do
      local s = {who = who, mentor = mentor, state = "free", rel = nil}
      slots[#slots + 1] = s
      slot_of_pair[who.id .. ":" .. mentor] = s
    end
  end
end

local function relationship_write()
  local n = #slots
  local start = math.random(n)
  for k = 0, n - 1 do
    local s = slots[(start + k - 1) % n + 1]
    if s.state == "free" then
      s.state = "creating"
      count("POST /relationships")
      local body = string.format(
        '{"mentor_id":"%s","message":"Would you mentor me on planning my next step?","draft_purpose":"Prepare a move into a lead role."}',
        s.mentor)
      return wrk.format("POST", "/api/v1/relationships", headers_for(s.who, true), body)
    elseif s.state == "open" then
      s.state = "withdrawing"
      count("POST /relationships/{id}/withdraw")
      return wrk.format("POST", "/api/v1/relationships/" .. s.rel .. "/withdraw", headers_for(s.who, true), "{}")
    end
  end
  return nil
end

function request()
  if is_wrk_check() then return wrk.format("GET", "/healthz") end
  local r = math.random(100)
  if r <= 50 then return read_request(r % 4 + 1, pick(mine), "?state=requested") end
  if r > 75 then
    local req = relationship_write()
    if req then return req end
  end
  return patch_me(pick(mine))
end

-- A person reference is one flat object whose keys come in any order ("active" before "id").
local function slot_in(body)
  local mentee = body:match('"mentee":{[^}]-"id":"(%d+)"')
  local mentor = body:match('"mentor":{[^}]-"id":"(%d+)"')
  if not mentee or not mentor then return nil end
  return slot_of_pair[mentee .. ":" .. mentor]
end

function response(status, headers, body)
  count_response(status, body)
  -- Only a relationship's own JSON starts like this (lists start with "items").
  if body:sub(1, 16) ~= '{"activated_at":' then return end
  if status == 201 then
    local s = slot_in(body)
    local location = headers["Location"] or ""
    local id = location:match("/api/v1/relationships/(%d+)$")
    if s and id then
      s.rel = id
      s.state = "open"
    end
  elseif status == 200 and body:find('"state":"withdrawn"', 1, true) then
    local s = slot_in(body)
    if s then
      s.rel = nil
      s.state = "free"
    end
  end
end
