-- wrk script for bench_kejadian_intake.py: POST /api/v1/kejadian with an Idempotency-Key.
-- About 10% of requests retry an earlier key of the same thread with the very same body (what a
-- phone does when an answer is lost); the rest use a new key. Bodies are a pure function of
-- (thread, n), so the benchmark can rebuild every key it sent and check the database.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local token, regions, categories
-- Globals (not locals): done() reads them with thread:get().
counter, ok, conflict, other = 0, 0, 0, 0

local function split(s)
  local out = {}
  for item in string.gmatch(s or "", "[^,]+") do table.insert(out, item) end
  return out
end

function init(args)
  token = os.getenv("SINERGI_TOKEN")
  regions = split(os.getenv("SINERGI_WILAYAH"))
  categories = split(os.getenv("SINERGI_KATEGORI"))
  math.randomseed(id * 7919)
end

local function body(n)
  local kategori = categories[(n % #categories) + 1]
  local wilayah = regions[((n * 7 + id) % #regions) + 1]
  local menit = n % 600
  return string.format(
    '{"kategori":"%s","kode_wilayah":"%s","waktu_kejadian":"2024-02-14T%02d:%02d:00+07:00",' ..
    '"uraian":"Laporan uji beban %d-%d: pembagian uang di dekat TPS","sumber":"petugas"}',
    kategori, wilayah, 7 + math.floor(menit / 60), menit % 60, id, n)
end

function request()
  local n
  if counter > 0 and math.random() < 0.10 then
    n = math.random(1, counter)
  else
    counter = counter + 1
    n = counter
  end
  return wrk.format("POST", "/api/v1/kejadian", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. id .. "-" .. n,
  }, body(n))
end

function response(status, headers, resp)
  if status == 200 or status == 201 then
    ok = ok + 1
  elseif status == 409 then
    conflict = conflict + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write(string.format("THREAD %d %d %d %d %d\n", t:get("id"), t:get("counter"),
      t:get("ok"), t:get("conflict"), t:get("other")))
  end
  io.write(string.format("LATENCY %d %d %d %d\n", latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
