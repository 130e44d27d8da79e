/**
 * Prometheus text exposition, written here rather than with prom-client: the API needs two
 * request series and a few process gauges, which is less code than the dependency's setup and
 * keeps the registry per app (tests make many apps in one process).
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly started = Date.now();

  /** `route` is the matched route pattern, never the raw path, so label values stay few. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = JSON.stringify([method, route, String(status)]);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = JSON.stringify([method, route]);
    let h = this.durations.get(hKey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hKey, h);
    }
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.counts[i]!++;
    });
    h.sum += seconds;
    h.count++;
  }

  render(): string {
    const out: string[] = [
      '# HELP ibrain_http_requests_total HTTP requests by method, route and status.',
      '# TYPE ibrain_http_requests_total counter',
    ];
    for (const [key, n] of this.requests) {
      const [method, route, status] = JSON.parse(key) as [string, string, string];
      out.push(`ibrain_http_requests_total${labels({ method, route, status })} ${n}`);
    }
    out.push(
      '# HELP ibrain_http_request_duration_seconds Time to answer HTTP requests.',
      '# TYPE ibrain_http_request_duration_seconds histogram',
    );
    for (const [key, h] of this.durations) {
      const [method, route] = JSON.parse(key) as [string, string];
      BUCKETS.forEach((le, i) => {
        out.push(
          `ibrain_http_request_duration_seconds_bucket${labels({ method, route, le: String(le) })} ${h.counts[i]}`,
        );
      });
      out.push(
        `ibrain_http_request_duration_seconds_bucket${labels({ method, route, le: '+Inf' })} ${h.count}`,
      );
      out.push(`ibrain_http_request_duration_seconds_sum${labels({ method, route })} ${h.sum}`);
      out.push(`ibrain_http_request_duration_seconds_count${labels({ method, route })} ${h.count}`);
    }
    const memory = process.memoryUsage();
    out.push(
      '# HELP ibrain_process_resident_memory_bytes Resident set size.',
      '# TYPE ibrain_process_resident_memory_bytes gauge',
      `ibrain_process_resident_memory_bytes ${memory.rss}`,
      '# HELP ibrain_process_heap_used_bytes V8 heap in use.',
      '# TYPE ibrain_process_heap_used_bytes gauge',
      `ibrain_process_heap_used_bytes ${memory.heapUsed}`,
      '# HELP ibrain_uptime_seconds Seconds since the API started.',
      '# TYPE ibrain_uptime_seconds gauge',
      `ibrain_uptime_seconds ${(Date.now() - this.started) / 1000}`,
    );
    return `${out.join('\n')}\n`;
  }
}
