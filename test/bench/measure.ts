import { performance } from 'node:perf_hooks';

/** Throughput and latency of one measured operation. */
export type Measurement = { count: number; opsPerSecond: number; p50Ms: number; p99Ms: number };

type Operation = (iteration: number) => unknown;
type Tally = { latencies: number[]; elapsedMs: number; iteration: number };

const sliceMs = 100;

function percentile(args: { sorted: readonly number[]; fraction: number }): number {
  const index = Math.min(args.sorted.length - 1, Math.ceil(args.fraction * args.sorted.length) - 1);
  return args.sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Runs `operation` back to back, each awaited before the next, for `ms`; records into `tally` unless warming up. */
async function runFor(args: { operation: Operation; ms: number; tally: Tally; isWarmUp?: boolean }) {
  const { tally } = args;
  const start = performance.now();
  const end = start + args.ms;
  let now = start;
  while (now < end) {
    await args.operation(tally.iteration);
    const after = performance.now();
    if (!args.isWarmUp) tally.latencies.push(after - now);
    now = after;
    tally.iteration += 1;
  }
  if (!args.isWarmUp) tally.elapsedMs += now - start;
}

function summarize(tally: Tally): Measurement {
  const sorted = tally.latencies.sort((a, b) => a - b);
  return {
    count: sorted.length,
    opsPerSecond: sorted.length / (tally.elapsedMs / 1_000),
    p50Ms: percentile({ sorted, fraction: 0.5 }),
    p99Ms: percentile({ sorted, fraction: 0.99 }),
  };
}

/**
 * Measures `operations` side by side for `seconds` each: after an untimed warm-up of a tenth of
 * that (at most 1 s) per operation, they take turns in slices of 100 ms, so a slower or busier
 * moment of a shared machine falls on all of them alike instead of on whichever ran then. Each
 * operation gets its own iteration count, so callers can vary their input deterministically.
 */
export async function measureSideBySide<Name extends string>(args: {
  seconds: number;
  operations: Readonly<Record<Name, Operation>>;
}): Promise<Record<Name, Measurement>> {
  const names = Object.keys(args.operations) as Name[];
  const tallies = new Map<Name, Tally>(
    names.map((name) => [name, { latencies: [], elapsedMs: 0, iteration: 0 }]),
  );
  const tallyOf = (name: Name) => {
    const tally = tallies.get(name);
    if (!tally) throw new Error(`no tally for ${name}`);
    return tally;
  };
  const warmUpMs = Math.min(1_000, args.seconds * 100);
  for (const name of names) {
    await runFor({ operation: args.operations[name], ms: warmUpMs, tally: tallyOf(name), isWarmUp: true });
  }
  const slices = Math.max(1, Math.round((args.seconds * 1_000) / sliceMs));
  for (let slice = 0; slice < slices; slice += 1) {
    for (const name of names)
      await runFor({ operation: args.operations[name], ms: sliceMs, tally: tallyOf(name) });
  }
  return Object.fromEntries(names.map((name) => [name, summarize(tallyOf(name))])) as Record<
    Name,
    Measurement
  >;
}

/** One operation measured alone for `seconds` (see `measureSideBySide`). */
export async function measure(args: { seconds: number; operation: Operation }): Promise<Measurement> {
  const { only } = await measureSideBySide({ seconds: args.seconds, operations: { only: args.operation } });
  return only;
}
