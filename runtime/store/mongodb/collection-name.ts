const modulePattern = /^[a-z][a-zA-Z0-9]{0,63}$/;

/**
 * The collection holding a module's records: the module name itself, checked to be a plain metadata
 * name, so it can never reach `system.*`, another database or a dotted namespace.
 */
export function collectionName(module: string): string {
  if (!modulePattern.test(module)) throw new Error(`'${module.slice(0, 80)}' is not a module name`);
  return module;
}
