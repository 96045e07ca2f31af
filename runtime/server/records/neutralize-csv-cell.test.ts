import { describe, expect, it } from 'vitest';
import { neutralizeCsvCell } from './neutralize-csv-cell.ts';

describe('neutralizeCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['-5', "'-5"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['＝1+1', "'＝1+1"],
    ['＠SUM', "'＠SUM"],
  ])('prefixes a cell starting with a formula character: %j', (cell, expected) => {
    expect(neutralizeCsvCell(cell)).toBe(expected);
  });

  it.each([['Acme'], [''], ['a=b'], ['1-2'], [' =1'], ["'=already"], ['\nline']])(
    'leaves a cell that cannot start a formula unchanged: %j',
    (cell) => {
      expect(neutralizeCsvCell(cell)).toBe(cell);
    },
  );
});
