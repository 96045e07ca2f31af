import type { Variable } from './types.ts';

/** Whether an operand (or one element of a list operand) is a variable still waiting to be bound. */
export function isVariable(value: unknown): value is Variable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'variable' in value;
}
