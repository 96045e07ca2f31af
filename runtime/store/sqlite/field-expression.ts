import { assertFieldName } from './assert-field-name.ts';
import { systemColumns } from './system-columns.ts';

/** SQL reading one field of the row `qualifier` names. */
export type FieldExpression = {
  /** The value: a column, or `json_extract` of the document (NULL when missing or JSON null). */
  value: string;
  /**
   * The value's JSON type, never NULL: `null integer real text true false array object`. Columns
   * report `typeof`, which uses the same names.
   */
  type: string;
  /** A `json_each` source over the value (array fields); null for system columns. */
  each: string | null;
};

const qualifierPattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The SQL for field `name` of the row `qualifier`: a system column, or a path into `doc`. */
export function fieldExpression(args: { name: string; qualifier: string }): FieldExpression {
  if (!qualifierPattern.test(args.qualifier)) throw new Error(`'${args.qualifier}' is not an SQL alias`);
  const column = systemColumns.get(args.name);
  if (column !== undefined) {
    const value = `${args.qualifier}.${column}`;
    return { value, type: `typeof(${value})`, each: null };
  }
  const path = `'$.${assertFieldName(args.name)}'`;
  const doc = `${args.qualifier}.doc`;
  return {
    value: `json_extract(${doc}, ${path})`,
    type: `ifnull(json_type(${doc}, ${path}), 'null')`,
    each: `json_each(${doc}, ${path})`,
  };
}
