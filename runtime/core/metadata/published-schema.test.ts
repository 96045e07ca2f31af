import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publishedSchema } from './published-schema.ts';
import { metadataKinds } from './types.ts';

describe('publishedSchema', () => {
  it.each(metadataKinds)('metadata/schema/%s.schema.json is up to date (run `npm run schemas`)', (kind) => {
    const file = new URL(`../../../metadata/schema/${kind}.schema.json`, import.meta.url);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(publishedSchema(kind));
  });

  it('never allows null for optional properties', () => {
    expect(JSON.stringify(metadataKinds.map(publishedSchema))).not.toContain('nullable');
  });
});
