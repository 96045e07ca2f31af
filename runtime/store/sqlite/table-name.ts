const moduleNamePattern = /^[a-z][a-zA-Z0-9]*$/;

/**
 * The SQL table of a module. SQLite compares identifiers case-insensitively, so each capital becomes
 * `_` + its lower case (`fooBar` → `m_foo_bar`): distinct module names never share a table, and no
 * table name contains `__`, which derived names (`m_foo__fts`, `m_foo__ix__…`) use as a separator.
 */
export function tableName(module: string): string {
  if (!moduleNamePattern.test(module)) throw new Error(`'${module.slice(0, 80)}' is not a module name`);
  return `m_${module.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`)}`;
}
