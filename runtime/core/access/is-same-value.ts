/**
 * Whether two field values are the same: `Object.is` for scalars, element by element for arrays
 * (multi-select and many-relation values). Objects are never the same, so they never pass as a preset.
 */
export function isSameValue(args: { left: unknown; right: unknown }): boolean {
  const { left, right } = args;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((element, index) => Object.is(element, right[index]));
  }
  if (typeof left === 'object' && left !== null) return false;
  return Object.is(left, right);
}
