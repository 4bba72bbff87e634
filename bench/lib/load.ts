/** autocannon against one POST route with a fresh body per request. */
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  seconds: number;
  rps: number;
  okPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function postLoad(label: string, url: string, body: () => string, opts: { connections: number; duration: number }): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    pipelining: 1,
    duration: opts.duration,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }),
    }],
  });
  const secs = r.duration;
  return {
    label, seconds: secs, rps: r.requests.total / secs, okPerSec: r['2xx'] / secs,
    p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
    ok: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
}
