import { describe, expect, it } from 'vitest';
import { parseWithin } from './parse-within.ts';

describe('parseWithin', () => {
  it('reads named ranges', () => {
    expect(parseWithin('lastQuarter')).toEqual({ kind: 'period', unit: 'quarter', offset: -1 });
    expect(parseWithin('future')).toEqual({ kind: 'future' });
  });

  it('reads day counts from 1 to 3650', () => {
    expect(parseWithin('last1days')).toEqual({ kind: 'days', from: -1, to: 0 });
    expect(parseWithin('next3650days')).toEqual({ kind: 'days', from: 0, to: 3650 });
  });

  it.each(['last0days', 'last3651days', 'last07days', 'next-1days', 'Today', 'constructor', 'lastNdays', 42])(
    'refuses %s',
    (value) => {
      expect(parseWithin(value)).toBeUndefined();
    },
  );
});
