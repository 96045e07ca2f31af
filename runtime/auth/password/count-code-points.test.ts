import { describe, expect, it } from 'vitest';
import { countCodePoints } from './count-code-points.ts';

describe('countCodePoints', () => {
  it('counts an astral character once', () => {
    expect('🔐'.length).toBe(2);
    expect(countCodePoints('a🔐b')).toBe(3);
  });
});
