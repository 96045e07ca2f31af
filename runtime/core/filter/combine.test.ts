import { describe, expect, it } from 'vitest';
import { combine } from './combine.ts';
import type { FilterNode } from './types.ts';

const trueNode: FilterNode = { kind: 'true' };
const falseNode: FilterNode = { kind: 'false' };

function condition(value: string): FilterNode {
  return {
    kind: 'condition',
    field: { path: 'name', module: 'people', field: { name: 'name', type: 'text' } },
    op: 'eq',
    value,
  };
}

const a = condition('a');
const b = condition('b');
const c = condition('c');

describe('combine.and', () => {
  it('is TRUE when empty', () => {
    expect(combine.and([])).toEqual(trueNode);
  });

  it('is FALSE when any child is FALSE', () => {
    expect(combine.and([a, falseNode, b])).toEqual(falseNode);
  });

  it('drops TRUE children', () => {
    expect(combine.and([trueNode, a, trueNode, b])).toEqual({ kind: 'and', children: [a, b] });
  });

  it('unwraps a single child', () => {
    expect(combine.and([trueNode, a])).toBe(a);
  });

  it('is TRUE when every child is TRUE', () => {
    expect(combine.and([trueNode, trueNode])).toEqual(trueNode);
  });

  it('flattens nested ands', () => {
    expect(combine.and([a, { kind: 'and', children: [b, c] }])).toEqual({ kind: 'and', children: [a, b, c] });
  });

  it('finds FALSE inside a nested and', () => {
    expect(combine.and([a, { kind: 'and', children: [b, falseNode] }])).toEqual(falseNode);
  });

  it('keeps nested ors as children', () => {
    const or: FilterNode = { kind: 'or', children: [b, c] };
    expect(combine.and([a, or])).toEqual({ kind: 'and', children: [a, or] });
  });
});

describe('combine.or', () => {
  it('is FALSE when empty', () => {
    expect(combine.or([])).toEqual(falseNode);
  });

  it('is TRUE when any child is TRUE', () => {
    expect(combine.or([a, trueNode])).toEqual(trueNode);
  });

  it('drops FALSE children', () => {
    expect(combine.or([falseNode, a, b])).toEqual({ kind: 'or', children: [a, b] });
  });

  it('unwraps a single child', () => {
    expect(combine.or([a, falseNode])).toBe(a);
  });

  it('flattens nested ors', () => {
    expect(combine.or([{ kind: 'or', children: [a, b] }, c])).toEqual({ kind: 'or', children: [a, b, c] });
  });

  it('finds TRUE inside a nested or', () => {
    expect(combine.or([a, { kind: 'or', children: [trueNode] }])).toEqual(trueNode);
  });
});

describe('combine.not', () => {
  it('turns TRUE into FALSE', () => {
    expect(combine.not(trueNode)).toEqual(falseNode);
  });

  it('turns FALSE into TRUE', () => {
    expect(combine.not(falseNode)).toEqual(trueNode);
  });

  it('removes a double negation', () => {
    expect(combine.not(combine.not(a))).toBe(a);
  });

  it('wraps anything else', () => {
    expect(combine.not(a)).toEqual({ kind: 'not', child: a });
  });
});
