import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publishedSchema } from '../../runtime/core/metadata/published-schema.ts';
import { metadataKinds } from '../../runtime/core/metadata/types.ts';
import { validateMetadataDir } from '../../runtime/server/metadata/validate-metadata-dir.ts';

const usage = `Usage: atrium <command>

Commands:
  metadata validate [dir]   Check every metadata document in dir (default metadata/starter);
                            prints every problem and exits 1 when there are any.
  metadata schemas [dir]    Write the JSON Schemas of every metadata kind to dir (default metadata/schema).
  help                      Show this text.`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  'metadata validate': async ([dir = 'metadata/starter']) => {
    const { problems, documents } = await validateMetadataDir(dir);
    for (const p of problems) console.log(`${p.document}  ${p.path || '/'}  ${p.message}`);
    if (problems.length > 0) {
      console.log(`\n${problems.length} problem(s) in ${dir}`);
      return 1;
    }
    console.log(`${dir}: ${documents} documents, no problems`);
    return 0;
  },
  'metadata schemas': async ([dir = 'metadata/schema']) => {
    await mkdir(dir, { recursive: true });
    for (const kind of metadataKinds) {
      await writeFile(
        join(dir, `${kind}.schema.json`),
        `${JSON.stringify(publishedSchema(kind), null, 2)}\n`,
      );
    }
    console.log(`wrote ${metadataKinds.length} schemas to ${dir}`);
    return 0;
  },
  help: async () => {
    console.log(usage);
    return 0;
  },
};

/** Runs the `atrium` command line with the given arguments and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  for (const length of [2, 1]) {
    const command = commands[positionals.slice(0, length).join(' ')];
    if (command) return command(positionals.slice(length));
  }
  console.error(usage);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
