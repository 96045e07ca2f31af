import type { LinkContext } from './link-context.ts';
import { reservedNames } from './system-fields.ts';
import { builtInFieldTypes, type FieldDef, type ModuleDoc } from './types.ts';

const selectTypes = new Set(['select', 'multiSelect']);
const textTypes = new Set(['text', 'longText', 'richText', 'email', 'phone', 'url', 'autoNumber']);
const numberTypes = new Set(['number', 'integer', 'currency', 'percent', 'rating']);
const uniqueCapable = new Set(
  [...textTypes, ...numberTypes, 'date', 'dateTime', 'select'].filter(
    (t) => t !== 'longText' && t !== 'richText',
  ),
);
const builtIns: ReadonlySet<string> = new Set(builtInFieldTypes);

/** Whether a field's `default` fits its type, by type family. */
const defaultFits: Record<string, (value: unknown, field: FieldDef) => boolean> = {
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  select: (v, f) => typeof v === 'string' && (f.options ?? []).some((o) => o.value === v),
  text: (v) => typeof v === 'string',
  date: (v) => typeof v === 'string' && (v === '$today' || /^\d{4}-\d{2}-\d{2}$/.test(v)),
  dateTime: (v) => typeof v === 'string' && (v === '$now' || !Number.isNaN(Date.parse(v))),
  none: () => false,
};

function defaultFamily(type: string): string {
  if (numberTypes.has(type)) return 'number';
  if (textTypes.has(type)) return 'text';
  if (type === 'boolean' || type === 'select' || type === 'date' || type === 'dateTime') return type;
  return 'none';
}

function linkField(ctx: LinkContext, field: FieldDef, path: string): void {
  if (reservedNames.has(field.name)) ctx.report(`${path}/name`, `"${field.name}" is a reserved name`);
  if (!builtIns.has(field.type) && !ctx.fieldTypes.has(field.type)) {
    ctx.report(`${path}/type`, `unknown field type "${field.type}"`);
  }
  if (selectTypes.has(field.type)) {
    if (!field.options?.length) ctx.report(`${path}/options`, `a ${field.type} field needs options`);
    const values = (field.options ?? []).map((o) => o.value);
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    if (repeated) ctx.report(`${path}/options`, `option "${repeated}" is listed twice`);
  } else if (field.options) {
    ctx.report(`${path}/options`, `only select and multiSelect fields take options`);
  }
  if (field.type === 'relation') {
    if (!field.relation) ctx.report(`${path}/relation`, 'a relation field needs "relation"');
    else if (!ctx.modules.has(field.relation.module)) {
      ctx.report(
        `${path}/relation/module`,
        `relation target module "${field.relation.module}" does not exist`,
      );
    }
  } else if (field.relation) {
    ctx.report(`${path}/relation`, 'only relation fields take "relation"');
  }
  if (field.unique && !uniqueCapable.has(field.type)) {
    ctx.report(`${path}/unique`, `a ${field.type} field cannot be unique`);
  }
  const fits = defaultFits[defaultFamily(field.type)];
  if (field.default !== undefined && fits && !fits(field.default, field)) {
    ctx.report(`${path}/default`, `default value does not fit a ${field.type} field`);
  }
  const c = field.constraints;
  if (c?.min !== undefined && c.max !== undefined && c.min > c.max) {
    ctx.report(`${path}/constraints`, 'min is greater than max');
  }
  if (c?.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength) {
    ctx.report(`${path}/constraints`, 'minLength is greater than maxLength');
  }
  if (c?.pattern !== undefined) {
    try {
      new RegExp(c.pattern, 'u');
    } catch {
      ctx.report(`${path}/constraints/pattern`, 'is not a valid regular expression');
    }
  }
}

function linkConversion(ctx: LinkContext, module: ModuleDoc): void {
  const conversion = module.conversion;
  if (!conversion) return;
  const base = '/conversion';
  const status = ctx.field({
    module: module.name,
    field: conversion.statusField,
    path: `${base}/statusField`,
  });
  if (status && !status.optionValues?.includes(conversion.convertedValue)) {
    ctx.report(
      `${base}/convertedValue`,
      `"${conversion.convertedValue}" is not an option of "${conversion.statusField}"`,
    );
  }
  const keys = new Map(conversion.targets.map((t) => [t.key, t.module]));
  conversion.targets.forEach((target, i) => {
    const path = `${base}/targets/${i}`;
    if (conversion.targets.findIndex((t) => t.key === target.key) !== i) {
      ctx.report(`${path}/key`, `target key "${target.key}" is used twice`);
    }
    if (!ctx.modules.has(target.module)) {
      ctx.report(`${path}/module`, `module "${target.module}" does not exist`);
      return;
    }
    for (const [to, from] of Object.entries(target.fields)) {
      ctx.field({ module: target.module, field: to, path: `${path}/fields/${to}`, customOnly: true });
      ctx.field({ module: module.name, field: from, path: `${path}/fields/${to}` });
    }
    for (const [to, key] of Object.entries(target.links ?? {})) {
      const linkField = ctx.field({
        module: target.module,
        field: to,
        path: `${path}/links/${to}`,
        customOnly: true,
      });
      const linkedModule = keys.get(key);
      if (!linkedModule) ctx.report(`${path}/links/${to}`, `no conversion target has key "${key}"`);
      else if (linkField && linkField.relation?.module !== linkedModule) {
        ctx.report(`${path}/links/${to}`, `"${to}" is not a relation to "${linkedModule}"`);
      }
    }
    (target.matchOn ?? []).forEach((f, j) => {
      ctx.field({ module: target.module, field: f, path: `${path}/matchOn/${j}`, customOnly: true });
    });
    const result = ctx.field({ module: module.name, field: target.resultField, path: `${path}/resultField` });
    if (result && (result.relation?.module !== target.module || result.relation.cardinality !== 'one')) {
      ctx.report(
        `${path}/resultField`,
        `"${target.resultField}" must be a one-relation to "${target.module}"`,
      );
    }
  });
  (conversion.rules ?? []).forEach((rule, i) => {
    const path = `${base}/rules/${i}`;
    ctx.filter({ json: rule.when, module: module.name, path: `${path}/when` });
    if (rule.portalType && !ctx.docs.portalType.has(rule.portalType)) {
      ctx.report(`${path}/portalType`, `portal type "${rule.portalType}" does not exist`);
    }
    (rule.targets ?? []).forEach((key, j) => {
      if (!keys.has(key)) ctx.report(`${path}/targets/${j}`, `no conversion target has key "${key}"`);
    });
  });
}

/** Cross-checks a module: field types and options, relation targets, title/search/index fields, conversion. */
export function linkModule(ctx: LinkContext, module: ModuleDoc): void {
  if (reservedNames.has(module.name) || module.name.startsWith('atrium')) {
    ctx.report(
      '/name',
      `"${module.name}" is a reserved name (names starting with "atrium" belong to the system)`,
    );
  }
  const seen = new Set<string>();
  module.fields.forEach((field, i) => {
    if (seen.has(field.name)) ctx.report(`/fields/${i}/name`, `field "${field.name}" is defined twice`);
    seen.add(field.name);
    linkField(ctx, field, `/fields/${i}`);
  });
  ctx.field({ module: module.name, field: module.titleField, path: '/titleField', customOnly: true });
  if (module.ownerField) {
    const owner = ctx.field({ module: module.name, field: module.ownerField, path: '/ownerField' });
    if (owner && owner.type !== 'user')
      ctx.report('/ownerField', `"${module.ownerField}" is not a user field`);
  }
  (module.search ?? []).forEach((name, i) => {
    const field = ctx.field({ module: module.name, field: name, path: `/search/${i}`, customOnly: true });
    if (field && !textTypes.has(field.type)) ctx.report(`/search/${i}`, `"${name}" is not a text field`);
  });
  (module.indexes ?? []).forEach((index, i) => {
    index.fields.forEach((name, j) => {
      ctx.field({ module: module.name, field: name, path: `/indexes/${i}/fields/${j}` });
    });
  });
  linkConversion(ctx, module);
}
