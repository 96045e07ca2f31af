import { maskRecord } from '../../runtime/core/access/mask-record.ts';
import type { Principal } from '../../runtime/core/access/types.ts';
import type { CompiledApp } from '../../runtime/core/metadata/compile-app.ts';
import { createHookBus } from '../../runtime/server/records/hook-bus.ts';
import { newRecordId } from '../../runtime/server/records/new-record-id.ts';
import { parseListQuery } from '../../runtime/server/records/parse-list-query.ts';
import type { RecordContext } from '../../runtime/server/records/record-context.ts';
import { requireAccess } from '../../runtime/server/records/require-access.ts';
import { compileFilterToSql } from '../../runtime/store/sqlite/compile-filter-to-sql.ts';
import { compileSort } from '../../runtime/store/sqlite/compile-sort.ts';
import { openConnection } from '../../runtime/store/sqlite/open-connection.ts';
import { type RecordRow, recordColumnList, rowToRecord } from '../../runtime/store/sqlite/row-to-record.ts';
import { evaluateLocally } from '../../runtime/core/filter/evaluate-locally.ts';
import type { Store } from '../../runtime/store/types.ts';
import { measure } from './measure.ts';

/**
 * Where the record service's time goes (`--profile`): each step of `list` and `get` timed on its
 * own in a loop (mean µs per call), the SQL `find` and `get` build (rebuilt here the way
 * `create-record-operations.ts` does) with its query plan and its execution time alone, and the
 * same SQL with SQLite's own `lower` in place of the JavaScript `atrium_lower` function, to show
 * what that function costs. A diagnostic: the steps overlap a little and do not sum exactly.
 */
export async function profileService(args: {
  file: string;
  store: Store;
  app: CompiledApp;
  principal: Principal;
  seconds: number;
  listQuery: { filter: unknown; sort: string; limit: number };
  idAt: (iteration: number) => string;
}): Promise<string[]> {
  const { store, app, principal } = args;
  const ctx: RecordContext = {
    store,
    getApp: () => app,
    hooks: createHookBus({ onError: () => {} }),
    now: () => new Date(),
    newId: newRecordId,
  };
  const request = { principal, module: 'contacts' };
  const seconds = Math.max(0.5, args.seconds / 2);
  const lines: string[] = [`profile (each step alone, mean per call over ${seconds} s):`];
  const time = async (label: string, operation: (iteration: number) => unknown) => {
    const result = await measure({ seconds, operation });
    const micros = 1_000_000 / result.opsPerSecond;
    lines.push(`  ${label.padEnd(58)} ${micros.toFixed(1).padStart(9)} µs`);
  };

  const access = requireAccess({ ctx, request, action: 'read' });
  const parsed = parseListQuery({ ctx, request, access, query: args.listQuery });
  const module = app.modules.get('contacts');
  if (!module) throw new Error('no contacts module');
  const compile = () => {
    const sort = compileSort({ module, sort: parsed.sort, qualifier: 't' });
    const filter = compileFilterToSql({ node: parsed.where, module: 'contacts', alias: 't' });
    const sortValues = sort.columns.map((column) => column.expression);
    return {
      sql:
        `SELECT ${recordColumnList('t')}, ${sortValues.join(', ')} FROM m_contacts AS t WHERE t.deleted_at IS NULL AND ${filter.sql}` +
        ` ORDER BY ${sort.orderBy} LIMIT ?`,
      params: [...filter.params, parsed.limit + 1],
    };
  };
  const listSql = compile();
  const getSql = `SELECT ${recordColumnList('t')} FROM m_contacts AS t WHERE t.id = ? AND t.deleted_at IS NULL`;
  const db = openConnection({ file: args.file, isReadOnly: true });
  try {
    const listStatement = db.prepare(listSql.sql).raw(true);
    const plainLowerStatement = db.prepare(listSql.sql.replaceAll('atrium_lower(', 'lower(')).raw(true);
    const getStatement = db.prepare(getSql).raw(true);
    const plan = (sql: string, params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join(' | ');
    lines.unshift(
      `service list SQL: ${listSql.sql}`,
      `  plan: ${plan(listSql.sql, listSql.params)}`,
      `service get SQL: ${getSql}`,
      `  plan: ${plan(getSql, ['x'])}`,
      '',
    );
    const rows = listStatement.all(...listSql.params) as RecordRow[];
    const records = rows.map(rowToRecord);

    lines.push(' list:');
    await time('service list path (whole, via the parts below)', async () => {
      const granted = requireAccess({ ctx, request, action: 'read' });
      const query = parseListQuery({ ctx, request, access: granted, query: args.listQuery });
      await ctx.hooks.runBefore('beforeRead', { ...request, operation: 'list' });
      const page = await store.find({ module: 'contacts', ...query, deleted: 'exclude' });
      return page.records.map((record) =>
        maskRecord({ record, readable: granted.decision.readableFields(record) }),
      );
    });
    await time('requireAccess (decideAccess)', () => requireAccess({ ctx, request, action: 'read' }));
    await time('parseListQuery (parseFilter, bind, combine, sort)', () =>
      parseListQuery({ ctx, request, access, query: args.listQuery }),
    );
    await time('hooks.runBefore (no handlers)', () =>
      ctx.hooks.runBefore('beforeRead', { ...request, operation: 'list' }),
    );
    await time('store.find (whole)', () => store.find({ module: 'contacts', ...parsed, deleted: 'exclude' }));
    await time('  compileFilterToSql + compileSort', compile);
    await time('  SQL alone (prepared, .all)', () => listStatement.all(...listSql.params));
    await time('  same SQL with built-in lower() for atrium_lower()', () =>
      plainLowerStatement.all(...listSql.params),
    );
    await time(`  rowToRecord x${rows.length}`, () => rows.map(rowToRecord));
    await time(`maskRecord x${records.length} (readableFields + copy)`, () =>
      records.map((record) => maskRecord({ record, readable: access.decision.readableFields(record) })),
    );

    lines.push(' get:');
    await time('service get path (whole, via the parts below)', async (iteration) => {
      const granted = requireAccess({ ctx, request, action: 'read' });
      await ctx.hooks.runBefore('beforeRead', { ...request, operation: 'get' });
      const record = await store.get({
        module: 'contacts',
        id: args.idAt(iteration),
        where: granted.decision.where,
      });
      if (!record) throw new Error('not found');
      return maskRecord({ record, readable: granted.decision.readableFields(record) });
    });
    await time('requireAccess (decideAccess)', () => requireAccess({ ctx, request, action: 'read' }));
    await time('store.get (whole)', (iteration) =>
      store.get({ module: 'contacts', id: args.idAt(iteration), where: access.decision.where }),
    );
    await time('  SQL alone (by id, prepared, .get)', (iteration) => getStatement.get(args.idAt(iteration)));
    const fetched = getStatement.get(args.idAt(0)) as RecordRow;
    await time('  rowToRecord', () => rowToRecord(fetched));
    const record = rowToRecord(fetched);
    await time('  scope checked on the record (evaluateLocally)', () =>
      evaluateLocally({ node: access.decision.where, record }),
    );
    await time('maskRecord (readableFields + copy)', () =>
      maskRecord({ record, readable: access.decision.readableFields(record) }),
    );
    return lines;
  } finally {
    db.close();
  }
}
