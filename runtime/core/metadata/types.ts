/**
 * The metadata documents an administrator writes. Each has a JSON Schema in `schemas.ts`
 * (published as `metadata/schema/*.schema.json`); ajv's `JSONSchemaType` keeps the two equal.
 *
 * Optional properties are typed `T | null | undefined` style by ajv (`nullable`): code reading them
 * treats `null` and absent alike.
 */

/** A filter as JSON, before `parseFilter` (see `runtime/core/filter`). */
export type FilterJson = Record<string, unknown>;

/** The built-in field types. Plugins add `plugin:type` names. */
export const builtInFieldTypes = [
  'text',
  'longText',
  'richText',
  'email',
  'phone',
  'url',
  'number',
  'integer',
  'currency',
  'percent',
  'boolean',
  'date',
  'dateTime',
  'select',
  'multiSelect',
  'relation',
  'file',
  'image',
  'autoNumber',
  'json',
  'address',
  'rating',
] as const;

export type BuiltInFieldType = (typeof builtInFieldTypes)[number];

/** One choice of a `select` or `multiSelect` field. */
export type SelectOption = { value: string; label: string; color?: string };

/** A link to another module's records. */
export type RelationSpec = {
  module: string;
  cardinality: 'one' | 'many';
  onDelete: 'restrict' | 'setNull' | 'cascade';
};

/** Value limits; which apply depends on the field type. */
export type FieldConstraints = {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** file and image: largest upload in bytes. */
  maxBytes?: number;
  /** file and image: accepted media types, e.g. `application/pdf`, `image/*`. */
  accept?: string[];
};

/** `autoNumber` format: `prefix` + zero-padded sequence. */
export type AutoNumberSpec = { prefix: string; start: number; padding: number };

/** A field inside a module. */
export type FieldDef = {
  name: string;
  type: string;
  label: string;
  required?: boolean;
  unique?: boolean;
  /** Ask the store for an index on this field. */
  indexed?: boolean;
  default?: unknown;
  options?: SelectOption[];
  relation?: RelationSpec;
  constraints?: FieldConstraints;
  autoNumber?: AutoNumberSpec;
  /** currency: ISO 4217 code; defaults to the app's currency. */
  currency?: string;
  /** rating: the top of the scale (default 5). */
  scale?: number;
  help?: string;
  audited?: boolean;
};

/** An index the store builds, besides the ones it derives from layouts and scopes. */
export type IndexDef = { fields: string[]; unique?: boolean };

/** Where one conversion target's values come from. */
export type ConversionTarget = {
  /** The key other targets use to link to this one, e.g. `account`. */
  key: string;
  module: string;
  /** `create` always creates; `createOrLink` links an existing record when `matchOn` fields agree. */
  mode: 'create' | 'createOrLink';
  /** Optional targets are created only when asked for (e.g. a deal). */
  optional?: boolean;
  /** target field → source field of the converted record. */
  fields: Record<string, string>;
  /** target relation field → key of another target, e.g. `{ "account": "account" }`. */
  links?: Record<string, string>;
  /** createOrLink: target fields compared to find an existing record. */
  matchOn?: string[];
  /** Relation field on the converted record that stores the link to what was created. */
  resultField: string;
};

/** A rule that converts a record automatically when it is saved and matches `when`. */
export type ConversionRule = { name: string; when: FilterJson; portalType?: string; targets?: string[] };

/** How a record of this module (a lead) converts into records of other modules. */
export type ConversionSpec = {
  /** Field set to `convertedValue` once converted; converting again is refused. */
  statusField: string;
  convertedValue: string;
  targets: ConversionTarget[];
  rules?: ConversionRule[];
};

export type ModuleDoc = {
  kind: 'module';
  name: string;
  label: string;
  pluralLabel?: string;
  description?: string;
  icon?: string;
  fields: FieldDef[];
  titleField: string;
  /** Defaults to the system field `owner`. */
  ownerField?: string;
  indexes?: IndexDef[];
  /** Fields in full-text search. */
  search?: string[];
  conversion?: ConversionSpec;
};

export const layoutViews = ['list', 'detail', 'form', 'canvas', 'convert'] as const;
export type LayoutView = (typeof layoutViews)[number];

export type SortSpec = { field: string; direction: 'asc' | 'desc' };
export type QuickFilter = { name: string; label: string; filter: FilterJson };
export type LayoutSection = { label: string; columns: 1 | 2 | 3; fields: string[]; tab?: string };
export type RelatedList = { module: string; field: string; label: string; columns: string[] };
export type CanvasCard = { title: string; subtitle?: string; badge?: string; fields: string[] };

/**
 * How records of a module are shown to one audience. `view` is the layout kind
 * (the document's own `kind` is `layout`).
 */
export type LayoutDoc = {
  kind: 'layout';
  name: string;
  label: string;
  module: string;
  view: LayoutView;
  /** `staff` or the name of a portal type. */
  audience: string;
  columns?: string[];
  defaultSort?: SortSpec;
  quickFilters?: QuickFilter[];
  pageSize?: number;
  sections?: LayoutSection[];
  relatedLists?: RelatedList[];
  card?: CanvasCard;
};

export const recordActions = ['read', 'create', 'update', 'delete', 'export', 'import'] as const;
export type RecordAction = (typeof recordActions)[number];

export type FieldLevel = 'hidden' | 'readOnly' | 'readWrite';

export type ProfileModuleAccess = {
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  export: boolean;
  import: boolean;
  /** Fields not listed are readWrite (staff profiles deny by exception). */
  fields?: Record<string, FieldLevel>;
};

export const systemPrivileges = [
  'manageMetadata',
  'manageUsers',
  'managePortals',
  'managePlugins',
  'viewAudit',
] as const;
export type SystemPrivilege = (typeof systemPrivileges)[number];

export type ProfileDoc = {
  kind: 'profile';
  name: string;
  label: string;
  description?: string;
  /** Modules not listed are not accessible. */
  modules: Record<string, ProfileModuleAccess>;
  privileges: Record<SystemPrivilege, boolean>;
  /** Users whose role has this profile must use TOTP: they enrol at their next login. */
  requireMfa?: boolean;
};

export type RoleDoc = {
  kind: 'role';
  name: string;
  label: string;
  parent?: string;
  profiles: string[];
  /** Users of this role see records owned by users of roles below it (default true). */
  seeSubordinates?: boolean;
};

export type GroupMembers = {
  users?: string[];
  roles?: string[];
  rolesAndSubordinates?: string[];
  groups?: string[];
};

export type GroupDoc = { kind: 'group'; name: string; label: string; members: GroupMembers };

export const orgDefaults = ['private', 'publicRead', 'publicReadWrite', 'publicFull'] as const;
export type OrgDefault = (typeof orgDefaults)[number];

/** Who a sharing rule is about: users of a role, of a role and those below it, or members of a group. */
export type PrincipalSet = { type: 'role' | 'roleAndSubordinates' | 'group'; name: string };

export type SharingRule = {
  name: string;
  ownedBy: PrincipalSet;
  sharedWith: PrincipalSet;
  access: 'read' | 'readWrite';
  criteria?: FilterJson;
};

/** Staff record sharing for one module: its org-wide default and sharing rules. */
export type SharingDoc = {
  kind: 'sharing';
  name: string;
  label: string;
  module: string;
  orgDefault: OrgDefault;
  rules: SharingRule[];
};

export const portalActions = ['read', 'create', 'update', 'delete'] as const;
export type PortalAction = (typeof portalActions)[number];

export type PortalLayouts = { list?: string; canvas?: string; detail?: string; form?: string };

/** One module a portal type exposes. */
export type PortalModule = {
  module: string;
  actions: PortalAction[];
  layouts: PortalLayouts;
  /** The records a portal user sees (a lookup filter with `$principal` variables). */
  scope: FilterJson;
  /** The wider scope for a user who sees the whole account (a primary contact). */
  accountScope?: FilterJson;
  /** Allow-list: a field not listed is hidden. */
  fields: Record<string, 'readOnly' | 'readWrite'>;
  /** Values set from the session on create and update, e.g. `{ "account": "$principal.accountId" }`. */
  presets?: Record<string, string>;
};

/** A portal permission group: which exposed modules and actions its members get. */
export type PortalGroup = {
  name: string;
  label: string;
  isDefault?: boolean;
  /** The group used by token-link sessions of accounts without portal users. */
  isNonPortalUsers?: boolean;
  modules: Record<string, PortalAction[]>;
};

export type PortalAuth = {
  mfa: 'off' | 'optional' | 'required';
  tokenLink: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  tokenLinkHours?: number;
  passwordMinLength?: number;
};

export type Branding = { title: string; logoUrl?: string; primaryColor?: string; accentColor?: string };

export type NavItem = { label: string; module?: string; path?: string; icon?: string };

export type PortalTypeDoc = {
  kind: 'portalType';
  name: string;
  label: string;
  description?: string;
  /** Whose records are portal identities (contacts, leads, a custom vendors module). */
  principalModule: string;
  /** Field of the identity record holding the login; defaults to `email`. */
  loginField?: string;
  /** Relation on the identity record that makes "my company", if any. */
  accountPath?: string;
  modules: PortalModule[];
  groups: PortalGroup[];
  auth: PortalAuth;
  branding: Branding;
  navigation?: NavItem[];
};

export type AppPlugin = { name: string; enabled: boolean; options?: Record<string, unknown> };

export type AppDoc = {
  kind: 'app';
  name: string;
  label: string;
  currency?: string;
  plugins: AppPlugin[];
  navigation: NavItem[];
  branding: Branding;
};

export type MetadataDoc =
  | ModuleDoc
  | LayoutDoc
  | ProfileDoc
  | RoleDoc
  | GroupDoc
  | SharingDoc
  | PortalTypeDoc
  | AppDoc;

export type MetadataKind = MetadataDoc['kind'];

export const metadataKinds: readonly MetadataKind[] = [
  'module',
  'layout',
  'profile',
  'role',
  'group',
  'sharing',
  'portalType',
  'app',
];

/** One problem found while loading metadata: which document, where in it, and what is wrong. */
export type MetadataProblem = { document: string; path: string; message: string };

/** A document as given to the loader, with where it came from (a file path or `kind:name`). */
export type SourceDoc = { source: string; doc: unknown };
