import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { minimalDocs } from '../../test/fixtures/minimal-app.ts';
import { runCli } from './cli.ts';

function writeDocs(dir: string, docs: unknown[]): void {
  mkdirSync(dir, { recursive: true });
  for (const [i, doc] of docs.entries()) writeFileSync(join(dir, `doc${i}.json`), JSON.stringify(doc));
}

describe('atrium metadata validate', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => output.push(line));
  });
  afterEach(() => vi.restoreAllMocks());

  it('exits 0 on the starter CRM', async () => {
    expect(await runCli(['metadata', 'validate', 'metadata/starter'])).toBe(0);
    expect(output.join('\n')).toMatch(/no problems/);
  });

  it('prints every problem with its file and path and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-cli-'));
    const docs = minimalDocs();
    writeDocs(dir, docs);
    writeFileSync(join(dir, 'doc4.json'), JSON.stringify({ ...docs[4], columns: ['lastName', 'nickname'] }));
    writeFileSync(join(dir, 'broken.json'), '{ "kind": ');
    expect(await runCli(['metadata', 'validate', dir])).toBe(1);
    const printed = output.join('\n');
    expect(printed).toContain('doc4.json  /columns/1  module "contacts" has no field "nickname"');
    expect(printed).toMatch(/broken\.json {2}\/ {2}not valid JSON/);
    expect(printed).toContain('2 problem(s)');
  });
});
