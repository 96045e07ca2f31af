import { performance } from 'node:perf_hooks';

/** Throughput and latency of one measured operation. */
export type Measurement = { count: number; opsPerSecond: number; p50Ms: number; p99Ms: number };

function percentile(args: { sorted: readonly number[]; fraction: number }): number {
  const index = Math.min(args.sorted.length - 1, Math.ceil(args.fraction * args.sorted.length) - 1);
  return args.sorted[Math.max(0, index)] ?? Number.NaN;
}

/**
 * Runs `operation` back to back (each awaited before the next starts) for `seconds`, after an
 * untimed warm-up of a tenth of that (at most 1 s), and returns ops/s with the p50 and p99 latency.
 * `operation` gets the iteration number, so callers can vary their input deterministically.
 */
export async function measure(args: {
  seconds: number;
  operation: (iteration: number) => unknown;
}): Promise<Measurement> {
  const warmUpEnd = performance.now() + Math.min(1_000, args.seconds * 100);
  let iteration = 0;
  while (performance.now() < warmUpEnd) {
    await args.operation(iteration);
    iteration += 1;
  }
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + args.seconds * 1_000;
  let now = start;
  while (now < end) {
    await args.operation(iteration);
    const after = performance.now();
    latencies.push(after - now);
    now = after;
    iteration += 1;
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    count: sorted.length,
    opsPerSecond: sorted.length / ((now - start) / 1_000),
    p50Ms: percentile({ sorted, fraction: 0.5 }),
    p99Ms: percentile({ sorted, fraction: 0.99 }),
  };
}
