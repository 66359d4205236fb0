-- wrk reporter: one machine-readable line (the same fields as the Redmine peer's reporter).
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.1f rps=%.2f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f non2xx3xx=%d sock_errors=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
