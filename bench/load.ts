import { readFileSync } from 'node:fs';
import autocannon, { type AutocannonRequest } from 'autocannon';

export type LoadOptions = {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  /** when given, each request takes the next path from this list (round-robin across all connections) */
  paths?: readonly string[];
};

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  /** milliseconds, from every 2xx response (not autocannon's 1 ms-bucket histogram) */
  latency: { mean: number; p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** distinct error messages (connection errors, timeouts) with their counts */
  errorMessages: Record<string, number>;
};

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** One autocannon run through its programmatic API; latencies are kept exactly. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    const errorMessages: Record<string, number> = {};
    let next = 0;
    const paths = options.paths;
    const requests: AutocannonRequest[] | undefined = paths
      ? [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }]
      : undefined;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.duration,
        timeout: 30,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(requests ? { requests } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(latencies).sort();
        const total = sorted.reduce((sum, v) => sum + v, 0);
        resolve({
          requests: sorted.length,
          seconds: result.duration,
          rps: sorted.length / result.duration,
          latency: {
            mean: sorted.length ? total / sorted.length : NaN,
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: sorted.length ? sorted[sorted.length - 1]! : NaN,
          },
          non2xx: Object.entries(statusCodes).reduce((n, [code, count]) => (code.startsWith('2') ? n : n + count), 0),
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          errorMessages,
        });
      },
    );
    instance.on('reqError', (error: Error) => {
      const key = (error as Error & { code?: string }).code ?? error.message;
      errorMessages[key] = (errorMessages[key] ?? 0) + 1;
    });
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/** Whole-machine CPU busy share between two samples of /proc/stat (Linux); null elsewhere. */
export function machineCpuSample(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
