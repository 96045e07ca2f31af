import type { Measurement } from './measure.ts';

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function row(args: { label: string; result: Measurement }): string {
  const { label, result } = args;
  return [
    `  ${label.padEnd(8)}`,
    fixed(result.opsPerSecond, 0).padStart(9),
    fixed(result.p50Ms, 3).padStart(9),
    fixed(result.p99Ms, 3).padStart(9),
    String(result.count).padStart(9),
  ].join(' ');
}

/** The report lines of one query: the service, the raw baseline and the ops/s ratio against its goal. */
export function formatComparison(args: {
  title: string;
  service: Measurement;
  raw: Measurement;
  goal: number;
}): string[] {
  const ratio = args.service.opsPerSecond / args.raw.opsPerSecond;
  const verdict = ratio >= args.goal ? 'meets' : 'MISSES';
  return [
    args.title,
    `  ${''.padEnd(8)} ${'ops/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'runs'.padStart(9)}`,
    row({ label: 'service', result: args.service }),
    row({ label: 'raw SQL', result: args.raw }),
    `  ratio service/raw ops/s: ${fixed(ratio * 100, 1)}% (goal >= ${args.goal * 100}%: ${verdict})`,
  ];
}
