/** Freezes an object graph in place; Maps and Sets also refuse `set`, `add`, `delete` and `clear`. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map || value instanceof Set) {
    const refuse = () => {
      throw new TypeError('compiled metadata is read-only');
    };
    for (const method of ['set', 'add', 'delete', 'clear']) {
      if (method in value) Object.defineProperty(value, method, { value: refuse });
    }
    Object.freeze(value);
    for (const entry of value.values()) deepFreeze(entry);
    if (value instanceof Map) for (const key of value.keys()) deepFreeze(key);
    return value;
  }
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
