const fieldNamePattern = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** Returns `name` when it is safe inside a JSON path or a derived identifier; throws otherwise. */
export function assertFieldName(name: string): string {
  if (!fieldNamePattern.test(name)) throw new Error(`'${name.slice(0, 80)}' is not a field name`);
  return name;
}
