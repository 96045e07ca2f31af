/** Sets (or, with `undefined`, deletes) the value at a JSON pointer inside plain JSON data; test helper. */
export function setAtPointer(args: { target: unknown; pointer: string; value: unknown }): void {
  const keys = args.pointer.split('/').slice(1);
  const last = keys.pop();
  if (last === undefined) throw new Error('cannot replace the root');
  let node = args.target;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') throw new Error(`no object at ${args.pointer}`);
    node = (node as Record<string, unknown>)[key];
  }
  if (node === null || typeof node !== 'object') throw new Error(`no object at ${args.pointer}`);
  const parent = node as Record<string, unknown>;
  if (args.value === undefined) delete parent[last];
  else parent[last] = args.value;
}
