-- bench_web.lua: the wrk script of bench/bench_web.sh — GET /api/v1/search?q=… cycling through the
-- query set of bench_web (URL-encoded, one a line, in $BERKAS_QUERIES), signed in with the session
-- cookie in $BERKAS_COOKIE; $BERKAS_EXTRA is appended to every URL (e.g. "&facets=0"). With
-- $BERKAS_PATH set, that path instead (the HTTP layer without a search: /api/v1/session).
local queries = {}
for line in io.lines(os.getenv("BERKAS_QUERIES")) do
  if #line > 0 then queries[#queries + 1] = line end
end
local headers = { ["Cookie"] = os.getenv("BERKAS_COOKIE") }
local extra = os.getenv("BERKAS_EXTRA") or ""
local fixed = os.getenv("BERKAS_PATH")
local i = 0

request = function()
  if fixed and #fixed > 0 then return wrk.format("GET", fixed, headers) end
  i = i % #queries + 1
  return wrk.format("GET", "/api/v1/search?q=" .. queries[i] .. "&limit=20" .. extra, headers)
end
