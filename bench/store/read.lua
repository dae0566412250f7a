-- Read-heavy mix: 90% reads spread evenly over GET /api/v1/me, GET /api/v1/people?limit=20
-- (rotating through the real cursors), GET /api/v1/people/{random id} and
-- GET /api/v1/relationships; 10% PATCH /api/v1/me (a new bio each time). Every request uses a
-- personal API token (Authorization: Bearer) of one of this thread's people, picked at random.
dofile((os.getenv("MH_BENCH_LUA") or ".") .. "/common.lua")

function request()
  if is_wrk_check() then return wrk.format("GET", "/healthz") end
  local who = pick(mine)
  local r = math.random(100)
  if r <= 10 then return patch_me(who) end
  return read_request((r - 11) % 4 + 1, who)
end
