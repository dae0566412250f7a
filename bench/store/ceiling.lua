-- Reference: GET /healthz, no authentication and one `SELECT 1` on the store. It is the
-- server's ceiling on this machine (HTTP parsing, routing, the worker pool, the access log),
-- so the mixes show what real store work costs on top.
dofile((os.getenv("MH_BENCH_LUA") or ".") .. "/common.lua")

function request()
  if is_wrk_check() then return wrk.format("GET", "/healthz") end
  count("GET /healthz")
  return wrk.format("GET", "/healthz")
end
