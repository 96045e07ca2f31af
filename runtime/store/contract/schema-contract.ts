import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import { compileModule } from '../../core/metadata/compile-module.ts';
import type { ContractContext } from './contract-context.ts';
import { contractModules, itemsDoc } from './contract-modules.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };

/** `ensureSchema` is idempotent, keeps records, and follows metadata changes. */
export function schemaContract(ctx: ContractContext): void {
  it('runs ensureSchema twice harmlessly, keeping records, indexes and search', async () => {
    const store = ctx.store();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', fields: { name: 'Falcon', email: 'a@example.com' } }),
    });
    await store.ensureSchema(contractModules);
    await store.ensureSchema(contractModules);
    expect(await store.count({ module: 'items', where: everything })).toBe(1);
    const found = await store.search({ module: 'items', where: everything, text: 'falcon', limit: 10 });
    expect(found.records.map((record) => record.id)).toEqual(['i1']);
    await expect(
      store.insert({ module: 'items', doc: makeRecord({ id: 'i2', fields: { email: 'a@example.com' } }) }),
    ).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
  });

  it('searches a field added to the search list, for records written before', async () => {
    const store = ctx.store();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', fields: { name: 'Anvil', phone: 'hotline' } }),
    });
    const widened = compileModule({ ...itemsDoc, search: [...(itemsDoc.search ?? []), 'phone'] });
    await store.ensureSchema([widened]);
    const found = await store.search({ module: 'items', where: everything, text: 'hotline', limit: 10 });
    expect(found.records.map((record) => record.id)).toEqual(['i1']);
  });

  it('stops enforcing a unique field the metadata no longer marks unique', async () => {
    const store = ctx.store();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', fields: { email: 'a@example.com' } }),
    });
    const relaxed = compileModule({
      ...itemsDoc,
      fields: itemsDoc.fields.map((field) => (field.name === 'email' ? { ...field, unique: false } : field)),
    });
    await store.ensureSchema([relaxed]);
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i2', fields: { email: 'a@example.com' } }),
    });
    expect(await store.count({ module: 'items', where: everything })).toBe(2);
  });

  it('refuses a module ensureSchema never saw', async () => {
    const store = ctx.store();
    await expect(store.count({ module: 'unknownThing', where: everything })).rejects.toThrow();
  });
}
