import type { Principal } from '../access/types.ts';
import { clientTitleField } from './client-title-field.ts';
import type { CompiledApp } from './compile-app.ts';
import type { CompiledField } from './compile-module.ts';
import { isPrincipalAudience } from './is-principal-audience.ts';
import { orderedReadableFields } from './ordered-readable-fields.ts';
import { type ModuleAccess, principalModuleAccess } from './principal-module-access.ts';
import { staffPrivileges } from './staff-privileges.ts';
import { type ClientLayout, toClientLayout } from './to-client-layout.ts';
import type {
  Branding,
  FieldConstraints,
  NavItem,
  RecordAction,
  SelectOption,
  SystemPrivilege,
} from './types.ts';

/** A field as the browser gets it. Only fields the principal may read are sent. */
export type ClientField = {
  name: string;
  type: string;
  label: string;
  required: boolean;
  /** Not writable under any grant that creates or updates records of the module. */
  readOnly: boolean;
  /** One of the system fields every record carries (`id`, `version`, `owner`, …). */
  isSystem: boolean;
  options?: SelectOption[];
  /** Only when the principal may read the target module. */
  relation?: { module: string; cardinality: 'one' | 'many' };
  constraints?: FieldConstraints;
  help?: string;
  default?: unknown;
  /** currency fields: ISO 4217 code. */
  currency?: string;
  /** rating fields: the top of the scale. */
  scale?: number;
};

/** A module as the browser gets it. */
export type ClientModule = {
  name: string;
  label: string;
  pluralLabel: string;
  /** The title field, or `id` when the principal may not read it. */
  titleField: string;
  /** Readable fields of full-text search. */
  search: string[];
  actions: Record<RecordAction, boolean>;
  /** Module fields in document order, then the readable system fields. */
  fields: ClientField[];
};

/** The system privileges the principal has (all `false` for portal principals). */
export type ClientCapabilities = Record<SystemPrivilege, boolean>;

/** The portal type a portal session belongs to, without its scopes, presets, groups or auth. */
export type ClientPortal = { name: string; label: string; branding: Branding; navigation: NavItem[] };

/**
 * What the browser gets for one principal and audience (DESIGN §1.5): a plain JSON object without the
 * server-only parts of the metadata (sharing, scopes, presets, profiles, roles, groups, conversion,
 * other portal types, other audiences' layouts) and without any module or field the principal may not
 * read.
 */
export type ClientMetadata = {
  app: { name: string; label: string; currency?: string; branding: Branding; navigation: NavItem[] };
  modules: Record<string, ClientModule>;
  layouts: ClientLayout[];
  portal?: ClientPortal;
  capabilities: ClientCapabilities;
};

const noCapabilities: ClientCapabilities = {
  manageMetadata: false,
  manageUsers: false,
  managePortals: false,
  managePlugins: false,
  viewAudit: false,
};

function clientBranding(branding: Branding): Branding {
  const result: Branding = { title: branding.title };
  if (branding.logoUrl !== undefined) result.logoUrl = branding.logoUrl;
  if (branding.primaryColor !== undefined) result.primaryColor = branding.primaryColor;
  if (branding.accentColor !== undefined) result.accentColor = branding.accentColor;
  return result;
}

/** Navigation items for readable modules, and links that name no module. */
function clientNavigation(args: {
  items: readonly NavItem[];
  access: ReadonlyMap<string, ModuleAccess>;
}): NavItem[] {
  return args.items.flatMap((item) => {
    if (item.module !== undefined && !args.access.has(item.module)) return [];
    const result: NavItem = { label: item.label };
    if (item.module !== undefined) result.module = item.module;
    if (item.path !== undefined) result.path = item.path;
    if (item.icon !== undefined) result.icon = item.icon;
    return [result];
  });
}

function clientField(args: {
  field: CompiledField;
  own: ModuleAccess;
  access: ReadonlyMap<string, ModuleAccess>;
}): ClientField {
  const { field, own } = args;
  const def = field.def;
  const isWritable = own.writable.create.has(field.name) || own.writable.update.has(field.name);
  const result: ClientField = {
    name: field.name,
    type: field.type,
    label: field.label,
    required: def?.required === true,
    readOnly: !isWritable,
    isSystem: field.isSystem,
  };
  if (def?.options) result.options = structuredClone(def.options);
  if (field.relation && args.access.has(field.relation.module)) {
    result.relation = { module: field.relation.module, cardinality: field.relation.cardinality };
  }
  if (def?.constraints) result.constraints = structuredClone(def.constraints);
  if (def?.help !== undefined) result.help = def.help;
  if (def?.default !== undefined) result.default = structuredClone(def.default);
  if (def?.currency !== undefined) result.currency = def.currency;
  if (def?.scale !== undefined) result.scale = def.scale;
  return result;
}

function clientModule(args: { own: ModuleAccess; access: ReadonlyMap<string, ModuleAccess> }): ClientModule {
  const { own, access } = args;
  const { module } = own;
  const fields = orderedReadableFields(own).map((field) => clientField({ field, own, access }));
  return {
    name: module.name,
    label: module.label,
    pluralLabel: module.doc.pluralLabel ?? module.label,
    titleField: clientTitleField(own),
    search: module.search.filter((name) => own.readable.has(name)),
    actions: { ...own.actions },
    fields,
  };
}

function capabilitiesOf(args: {
  app: CompiledApp;
  principal: Principal;
  isOwnAudience: boolean;
}): ClientCapabilities {
  const roleId = args.principal.attributes.roleId;
  if (!args.isOwnAudience || args.principal.kind !== 'staff' || typeof roleId !== 'string') {
    return { ...noCapabilities };
  }
  return staffPrivileges({ app: args.app, roleId });
}

/**
 * The metadata the browser gets for `principal` in `audience` (`staff` or its portal type) — served
 * as `/api/meta` (DESIGN §1.5, §11). Pure; the result is a fresh, JSON-serialisable object.
 *
 * - `modules`: only those `decideAccess` lets the principal read (others are not named anywhere,
 *   relation targets and navigation included), with booleans for every record action. Fields: those
 *   readable under every grant of the module (`readableFieldPredicate`); `readOnly` when no grant for
 *   `create` or `update` lets the principal write the field.
 * - `layouts`: those of `audience` whose module is readable, cut down by `toClientLayout`.
 * - `app.navigation`: the audience's navigation (the app's for staff, the portal type's for a
 *   portal), keeping items for readable modules and items that name no module.
 * - `portal`: for a portal audience, its name, label, branding and navigation.
 * - `capabilities`: a staff principal's system privileges from its role's profiles; all `false` for
 *   portals.
 *
 * An audience that is not the principal's own (a staff principal asking for a portal, a portal
 * principal for staff or another portal type) or a principal of another kind gets no modules, no
 * layouts, no portal and no capabilities.
 */
export function toClientMetadata(args: {
  app: CompiledApp;
  principal: Principal;
  audience: string;
  now: Date;
}): ClientMetadata {
  const { app, audience } = args;
  const isOwnAudience = isPrincipalAudience(args);
  const access = principalModuleAccess(args);
  const portalType = isOwnAudience && audience !== 'staff' ? app.portalTypes.get(audience) : undefined;
  const modules = Object.fromEntries(
    [...access.values()].map((own) => [own.module.name, clientModule({ own, access })]),
  );
  const layouts = isOwnAudience
    ? [...app.layouts.values()]
        .filter((layout) => layout.audience === audience)
        .flatMap((layout) => toClientLayout({ app, layout, access }) ?? [])
    : [];
  const navigation = portalType ? (portalType.navigation ?? []) : app.app.navigation;
  const result: ClientMetadata = {
    app: {
      name: app.app.name,
      label: app.app.label,
      ...(app.app.currency !== undefined ? { currency: app.app.currency } : {}),
      branding: clientBranding(app.app.branding),
      navigation: isOwnAudience ? clientNavigation({ items: navigation, access }) : [],
    },
    modules,
    layouts,
    capabilities: capabilitiesOf({ ...args, isOwnAudience }),
  };
  if (portalType) {
    result.portal = {
      name: portalType.name,
      label: portalType.label,
      branding: clientBranding(portalType.branding),
      navigation: clientNavigation({ items: portalType.navigation ?? [], access }),
    };
  }
  return result;
}
