/** What `npm run bench` was asked to do. */
export type BenchArgs = {
  /** Contacts to generate. */
  contacts: number;
  /** Seconds each measurement runs. */
  seconds: number;
  /** Also time the service's steps one by one and print the query plans. */
  isProfiling: boolean;
};

const usage = 'usage: npm run bench -- [--contacts N] [--seconds S] [--profile]';

function positiveNumber(args: { flag: string; text: string | undefined; isWhole: boolean }): number {
  const value = Number(args.text);
  const isValid = Number.isFinite(value) && value > 0 && (!args.isWhole || Number.isInteger(value));
  if (!isValid)
    throw new Error(`${args.flag} needs a positive ${args.isWhole ? 'whole ' : ''}number\n${usage}`);
  return value;
}

/** Parses `--contacts N` (default 100000), `--seconds S` (default 5) and `--profile`. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const result: BenchArgs = { contacts: 100_000, seconds: 5, isProfiling: false };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    if (flag === '--contacts') {
      index += 1;
      result.contacts = positiveNumber({ flag, text: argv[index], isWhole: true });
    } else if (flag === '--seconds') {
      index += 1;
      result.seconds = positiveNumber({ flag, text: argv[index], isWhole: false });
    } else if (flag === '--profile') {
      result.isProfiling = true;
    } else {
      throw new Error(`unknown argument '${flag}'\n${usage}`);
    }
  }
  return result;
}
