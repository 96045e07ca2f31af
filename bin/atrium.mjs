#!/usr/bin/env node
// The `atrium` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../apps/server/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
