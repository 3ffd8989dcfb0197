-- bench/http.sh's summary of one wrk run, on its last line:
-- requests a second, latency at the 50th, 95th and 99th percentiles in milliseconds,
-- answers that were not 2xx or 3xx, and socket errors (connect, read, write, timeout).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("%.1f %.1f %.1f %.1f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
