-- wrk script for bench_kanal_wa.py: POST signed WhatsApp Cloud API webhooks.
-- Each line of $SINERGI_WA_BERKAS is "<X-Hub-Signature-256> <compact JSON body>", prepared
-- (and signed with the app secret) by the benchmark; requests take the lines in order.
local lines = {}
local threads = {}
counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(os.getenv("SINERGI_WA_BERKAS"), "r"))
  for line in f:lines() do table.insert(lines, line) end
  f:close()
end

function request()
  counter = counter + 1
  local line = lines[((counter - 1) % #lines) + 1]
  local sp = string.find(line, " ", 1, true)
  return wrk.format("POST", "/kanal/whatsapp/webhook", {
    ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = string.sub(line, 1, sp - 1),
  }, string.sub(line, sp + 1))
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    print("THREAD " .. t:get("counter"))
  end
end
