import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { checkWritable } from '../../core/access/check-writable.ts';
import type { Principal } from '../../core/access/types.ts';
import { AppError, createError } from '../../core/errors.ts';
import type { CompiledField, CompiledModule } from '../../core/metadata/compile-module.ts';
import { buildInputValidator } from './build-input-validator.ts';
import { createRecord } from './create-record.ts';
import type { HookBus } from './hook-bus.ts';
import { neutralizeCsvCell } from './neutralize-csv-cell.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { badRequest } from './record-errors.ts';
import { type GrantedAccess, requireAccess } from './require-access.ts';
import { takeOwner } from './take-owner.ts';
import { writeAudit } from './write-audit.ts';

/** Most data rows one import takes (the header row and blank rows not counted). */
export const maxImportRows = 10_000;
/** Largest CSV text one import takes, in UTF-8 bytes. */
export const maxImportBytes = 5 * 1024 * 1024;
/** Most columns an import file may have. */
export const maxImportColumns = 1_000;

/** One problem with one cell or row of an import; `field` is `''` when it concerns the whole row. */
export type ImportRowError = { field: string; message: string };

/** What an import did: rows created, and every rejected row by its number (the header is row 1). */
export type ImportReport = {
  created: number;
  rejected: Array<{ row: number; errors: ImportRowError[] }>;
};

const importTooLarge = createError({ code: 'PAYLOAD_TOO_LARGE', status: 413 });

/** A data row, its cells turned into record input, with the problems found before any write. */
type PreparedRow = { row: number; input: Record<string, unknown>; errors: ImportRowError[] };

type Converted = { isValid: true; value: unknown } | { isValid: false; message: string };

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const numberTypes: ReadonlySet<string> = new Set(['number', 'currency', 'percent']);
const integerTypes: ReadonlySet<string> = new Set(['integer', 'rating']);
const jsonTypes: ReadonlySet<string> = new Set(['json', 'address', 'file', 'image']);
const booleanWords: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Cell text as a value of the field's type: numbers, booleans, `;`-separated lists, JSON documents. */
function convertCell(args: { field: CompiledField | undefined; cell: string }): Converted {
  const { field, cell } = args;
  const text = cell.trim();
  if (!field || field.isSystem) return { isValid: true, value: cell };
  if (numberTypes.has(field.type) || integerTypes.has(field.type)) {
    const value = Number(text);
    if (!numberPattern.test(text) || !Number.isFinite(value))
      return { isValid: false, message: 'is not a number' };
    if (integerTypes.has(field.type) && !Number.isInteger(value)) {
      return { isValid: false, message: 'is not a whole number' };
    }
    return { isValid: true, value };
  }
  if (field.type === 'boolean') {
    const value = booleanWords.get(text.toLowerCase());
    return value === undefined
      ? { isValid: false, message: 'is not true/false, yes/no or 1/0' }
      : { isValid: true, value };
  }
  if (field.type === 'multiSelect' || field.relation?.cardinality === 'many') {
    return { isValid: true, value: splitList(cell) };
  }
  if (jsonTypes.has(field.type)) {
    try {
      return { isValid: true, value: JSON.parse(text) as unknown };
    } catch {
      return { isValid: false, message: 'is not JSON' };
    }
  }
  if (field.type === 'text' || field.type === 'longText' || field.type === 'richText') {
    return { isValid: true, value: cell };
  }
  return { isValid: true, value: text };
}

/** Undoes `neutralizeCsvCell`, so an exported file imports back to the values it was made from. */
function restoreCell(cell: string): string {
  const rest = cell.slice(1);
  return cell.startsWith("'") && neutralizeCsvCell(rest) === cell ? rest : cell;
}

function isFieldMessage(item: unknown): item is ImportRowError {
  if (item === null || typeof item !== 'object') return false;
  const { field, message } = item as Record<string, unknown>;
  return typeof field === 'string' && typeof message === 'string';
}

/** The field-level problems a refused write reports (`details.fields`), or its message for the row. */
function toRowErrors(error: AppError): ImportRowError[] {
  const listed = error.details?.fields;
  const errors: ImportRowError[] = [];
  if (Array.isArray(listed)) {
    for (const item of listed as unknown[]) {
      if (isFieldMessage(item)) errors.push({ field: item.field, message: item.message });
      else if (typeof item === 'string') {
        errors.push({
          field: item,
          message: error.code === 'FIELD_NOT_WRITABLE' ? 'cannot be written' : error.message,
        });
      }
    }
    const count = error.details?.count;
    if (typeof count === 'number' && count > errors.length) {
      errors.push({ field: '', message: `and ${count - errors.length} more fields cannot be written` });
    }
  }
  if (errors.length > 0) return errors;
  const field = error.details?.field;
  return [{ field: typeof field === 'string' ? field : '', message: error.message }];
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Parses the text into rows of cells; refuses malformed CSV (400) and too many rows (413). */
function parseCsv(csv: string): string[][] {
  let seen = 0;
  let dataRows = 0;
  try {
    return parse(csv, {
      bom: true,
      relax_column_count: true,
      on_record: (record: string[]) => {
        seen += 1;
        if (seen > 1 && !isBlank(record)) dataRows += 1;
        if (dataRows > maxImportRows) {
          throw importTooLarge(`An import takes at most ${maxImportRows} rows`, { maxRows: maxImportRows });
        }
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw badRequest(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
}

/** The header's field names: trimmed, none empty, none repeated. */
function parseHeader(header: readonly string[] | undefined): string[] {
  if (!header || isBlank(header)) throw badRequest('The file needs a header row of field names');
  if (header.length > maxImportColumns)
    throw badRequest(`An import takes at most ${maxImportColumns} columns`);
  const names = header.map((name) => name.trim());
  names.forEach((name, index) => {
    if (name === '') throw badRequest(`Column ${index + 1} of the header has no field name`);
    if (names.indexOf(name) !== index) throw badRequest(`The header names "${name}" more than once`);
  });
  return names;
}

/**
 * One data row as record input (`Object.fromEntries`, so a `__proto__` column is an own key the
 * write check refuses, never a prototype). Empty cells are left out. Cells are converted to their
 * field's type; a cell that does not convert is reported only when the field is writable, so the
 * report never tells a hidden field from a read-only or unknown one — those are all refused by the
 * `import` grant's write check alike.
 */
function prepareRow(args: {
  row: number;
  cells: readonly string[];
  names: readonly string[];
  module: CompiledModule;
  access: GrantedAccess;
}): PreparedRow {
  const { row, cells, names, module, access } = args;
  if (cells.length !== names.length) {
    const message = `has ${cells.length} cells; the header has ${names.length}`;
    return { row, input: {}, errors: [{ field: '', message }] };
  }
  const conversionErrors = new Map<string, string>();
  const entries: Array<[string, unknown]> = [];
  names.forEach((name, index) => {
    const cell = restoreCell(cells[index] ?? '');
    if (cell.trim() === '') return;
    const converted = convertCell({ field: module.fields.get(name), cell });
    if (converted.isValid) entries.push([name, converted.value]);
    else {
      conversionErrors.set(name, converted.message);
      entries.push([name, cell]);
    }
  });
  const draft: Record<string, unknown> = Object.fromEntries(entries);
  const { owner, ...fields } = draft;
  const writable = access.decision.writableFields(fields);
  const errors: ImportRowError[] = [];
  let input: Record<string, unknown> = {};
  try {
    input = checkWritable({ input: fields, writable, preset: access.decision.preset });
    if (owner !== undefined) input.owner = owner;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors.push(...toRowErrors(error));
  }
  const refused = new Set(errors.map((error) => error.field));
  for (const [field, message] of conversionErrors) {
    if (writable.has(field) && !refused.has(field)) errors.push({ field, message });
  }
  return { row, input, errors };
}

/** The create path's checks that need no store and no hooks: owner, write rights, presets, schema. */
function checkWithoutWriting(args: {
  input: Readonly<Record<string, unknown>>;
  principal: Principal;
  create: GrantedAccess;
}): void {
  const draft = { ...args.input };
  takeOwner({ input: draft, principal: args.principal });
  const { decision, module } = args.create;
  const merged = checkWritable({
    input: draft,
    writable: decision.writableFields(draft),
    preset: decision.preset,
  });
  buildInputValidator(module)(merged, 'create');
}

/** The row's report entry when `attempt` refuses it with an `AppError`; other errors are thrown. */
async function rejectionOf(args: {
  row: PreparedRow;
  attempt: () => unknown;
}): Promise<ImportReport['rejected'][number] | null> {
  try {
    await args.attempt();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { row: args.row.row, errors: toRowErrors(error) };
  }
}

/** A hook bus that runs `before*` hooks at once and keeps `after*` ones for after the commit. */
function deferAfterHooks(args: { hooks: HookBus; deferred: Array<() => Promise<void>> }): HookBus {
  const { hooks, deferred } = args;
  return {
    on: (event, handler, options) => hooks.on(event, handler, options),
    runBefore: (event, payload) => hooks.runBefore(event, payload),
    runAfter: async (event, payload) => {
      deferred.push(() => hooks.runAfter(event, payload));
    },
  };
}

/** Each row through `createRecord` in its own transaction: good rows stay, bad ones are reported. */
async function importEachRow(args: {
  ctx: RecordContext;
  request: RecordRequest;
  rows: readonly PreparedRow[];
}): Promise<ImportReport> {
  const report: ImportReport = { created: 0, rejected: [] };
  for (const row of args.rows) {
    if (row.errors.length > 0) {
      report.rejected.push({ row: row.row, errors: row.errors });
      continue;
    }
    const rejection = await rejectionOf({
      row,
      attempt: () => createRecord({ ctx: args.ctx, request: args.request, input: row.input }),
    });
    if (rejection) report.rejected.push(rejection);
    else report.created += 1;
  }
  return report;
}

/**
 * Every row through `createRecord` inside ONE store transaction (`createRecord`'s own transaction
 * joins it), rolled back as a whole when any row is refused; `afterChange` hooks run only after the
 * commit. Once a row is refused nothing more is written: the remaining rows get the checks that need
 * no store, so the report still covers them.
 */
async function importAllOrNothing(args: {
  ctx: RecordContext;
  request: RecordRequest;
  rows: readonly PreparedRow[];
  create: GrantedAccess;
}): Promise<ImportReport> {
  const { ctx, request, rows, create } = args;
  const check = (row: PreparedRow) =>
    row.errors.length > 0
      ? { row: row.row, errors: row.errors }
      : rejectionOf({
          row,
          attempt: () => checkWithoutWriting({ input: row.input, principal: request.principal, create }),
        });
  if (rows.some((row) => row.errors.length > 0)) {
    const rejected: ImportReport['rejected'] = [];
    for (const row of rows) {
      const rejection = await check(row);
      if (rejection) rejected.push(rejection);
    }
    return { created: 0, rejected };
  }
  const rollback = new Error('import rolled back');
  let attempt: { rejected: ImportReport['rejected']; afterHooks: Array<() => Promise<void>> } = {
    rejected: [],
    afterHooks: [],
  };
  try {
    await ctx.store.transaction(async (tx) => {
      // A store may run this function again (MongoDB retries transient conflicts): start afresh.
      attempt = { rejected: [], afterHooks: [] };
      const hooks = deferAfterHooks({ hooks: ctx.hooks, deferred: attempt.afterHooks });
      const txCtx: RecordContext = { ...ctx, store: tx, hooks };
      for (const row of rows) {
        const rejection =
          attempt.rejected.length === 0
            ? await rejectionOf({
                row,
                attempt: () => createRecord({ ctx: txCtx, request, input: row.input }),
              })
            : await check(row);
        if (rejection) attempt.rejected.push(rejection);
      }
      if (attempt.rejected.length > 0) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
    return { created: 0, rejected: attempt.rejected };
  }
  for (const run of attempt.afterHooks) await run();
  return { created: rows.length, rejected: [] };
}

/**
 * Imports CSV text as new records of the module (DESIGN §11; SECURITY-TESTS B.14). Needs the
 * `import` action (its field write rights and presets are checked on every row) and the `create`
 * action; each row then goes through `createRecord`, so validation, field write rights, presets,
 * relation checks, autoNumbers, hooks, the scope re-check and the audit all apply.
 *
 * The first row names the fields; blank rows are skipped; an empty cell is no value. Cells convert
 * to the field's type: numbers, `true/false/yes/no/1/0`, `;`-separated multi-select and
 * many-relation lists, JSON for json/address/file/image; dates are taken as given. A `'` that
 * `neutralizeCsvCell` put before a formula character is removed again. Rows are numbered as a
 * spreadsheet shows them (header = row 1).
 *
 * More than `maxImportBytes` or `maxImportRows` is refused (413), malformed CSV or a bad header
 * (400), all before anything is stored. Without `allOrNothing` good rows are created and bad ones
 * reported; with it, any rejected row means nothing is stored and the report lists the rows that
 * would fail. An `import` audit entry records the counts.
 */
export async function importRecordsCsv(args: {
  ctx: RecordContext;
  request: RecordRequest;
  csv: string;
  allOrNothing: boolean;
}): Promise<ImportReport> {
  const { ctx, request } = args;
  const access = requireAccess({ ctx, request, action: 'import' });
  const create = requireAccess({ ctx, request, action: 'create' });
  if (Buffer.byteLength(args.csv, 'utf8') > maxImportBytes) {
    throw importTooLarge(`An import takes at most ${maxImportBytes} bytes`, { maxBytes: maxImportBytes });
  }
  const [header, ...records] = parseCsv(args.csv);
  const names = parseHeader(header);
  const rows: PreparedRow[] = [];
  records.forEach((cells, index) => {
    if (isBlank(cells)) return;
    rows.push(prepareRow({ row: index + 2, cells, names, module: access.module, access }));
  });
  const report = args.allOrNothing
    ? await importAllOrNothing({ ctx, request, rows, create })
    : await importEachRow({ ctx, request, rows });
  const at = ctx.now().toISOString();
  await ctx.store.transaction((tx) =>
    writeAudit({
      tx,
      principal: request.principal,
      action: 'import',
      module: request.module,
      recordId: '',
      changes: {
        created: { from: null, to: report.created },
        rejected: { from: null, to: report.rejected.length },
      },
      at,
    }),
  );
  return report;
}
