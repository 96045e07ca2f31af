import type { JSONSchemaType } from 'ajv';
import {
  type AppDoc,
  type Branding,
  type FieldDef,
  type FilterJson,
  type GroupDoc,
  type LayoutDoc,
  type MetadataKind,
  type ModuleDoc,
  type NavItem,
  type PortalAction,
  type PortalTypeDoc,
  type PrincipalSet,
  type ProfileDoc,
  type ProfileModuleAccess,
  type RoleDoc,
  type SharingDoc,
  layoutViews,
  orgDefaults,
  portalActions,
} from './types.ts';

/**
 * JSON Schemas of every metadata document. ajv's `JSONSchemaType<T>` checks each against its
 * TypeScript type. `JSONSchemaType` needs `nullable: true` on optional properties; the published
 * and enforced schemas drop it (`publishedSchema`), so `null` is never accepted where a value is optional.
 */

const namePattern = '^[a-z][a-zA-Z0-9]*$';
const name = { type: 'string', pattern: namePattern, maxLength: 64 } as const;
const label = { type: 'string', minLength: 1, maxLength: 200 } as const;
const optionalText = { type: 'string', maxLength: 2000, nullable: true } as const;
const optionalBool = { type: 'boolean', nullable: true } as const;
const names = { type: 'array', items: name, maxItems: 500 } as const;
const optionalNames = { ...names, nullable: true } as const;
const keyedByName = { pattern: namePattern, maxLength: 64 } as const;
const colour = { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', nullable: true } as const;

const filterJson: JSONSchemaType<FilterJson> = { type: 'object', required: [] };
const optionalFilterJson = { type: 'object', required: [], nullable: true } as const;
const stringMap = {
  type: 'object',
  propertyNames: keyedByName,
  additionalProperties: { type: 'string', maxLength: 200 },
  required: [],
  maxProperties: 500,
} as const;

const fieldSchema: JSONSchemaType<FieldDef> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type', 'label'],
  properties: {
    name,
    type: { type: 'string', pattern: '^([a-z][a-zA-Z0-9]*:)?[a-z][a-zA-Z0-9]*$', maxLength: 64 },
    label,
    required: optionalBool,
    unique: optionalBool,
    indexed: optionalBool,
    default: { type: ['string', 'number', 'boolean'], nullable: true } as never,
    options: {
      type: 'array',
      nullable: true,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'label'],
        properties: {
          value: { type: 'string', minLength: 1, maxLength: 100 },
          label,
          color: colour,
        },
      },
    },
    relation: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['module', 'cardinality', 'onDelete'],
      properties: {
        module: name,
        cardinality: { type: 'string', enum: ['one', 'many'] },
        onDelete: { type: 'string', enum: ['restrict', 'setNull', 'cascade'] },
      },
    },
    constraints: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: [],
      properties: {
        min: { type: 'number', nullable: true },
        max: { type: 'number', nullable: true },
        minLength: { type: 'integer', minimum: 0, nullable: true },
        maxLength: { type: 'integer', minimum: 1, maximum: 1_000_000, nullable: true },
        pattern: { type: 'string', maxLength: 500, nullable: true },
        maxBytes: { type: 'integer', minimum: 1, nullable: true },
        accept: {
          type: 'array',
          nullable: true,
          maxItems: 50,
          items: { type: 'string', pattern: '^[a-z]+/([a-z0-9.+-]+|\\*)$' },
        },
      },
    },
    autoNumber: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['prefix', 'start', 'padding'],
      properties: {
        prefix: { type: 'string', maxLength: 20 },
        start: { type: 'integer', minimum: 0 },
        padding: { type: 'integer', minimum: 0, maximum: 12 },
      },
    },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', nullable: true },
    scale: { type: 'integer', minimum: 2, maximum: 10, nullable: true },
    help: optionalText,
    audited: optionalBool,
  },
};

const moduleSchema: JSONSchemaType<ModuleDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'fields', 'titleField'],
  properties: {
    kind: { type: 'string', const: 'module' },
    name,
    label,
    pluralLabel: { ...label, nullable: true },
    description: optionalText,
    icon: { type: 'string', maxLength: 64, nullable: true },
    fields: { type: 'array', items: fieldSchema, minItems: 1, maxItems: 500 },
    titleField: name,
    ownerField: { ...name, nullable: true },
    indexes: {
      type: 'array',
      nullable: true,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['fields'],
        properties: { fields: { ...names, minItems: 1, maxItems: 8 }, unique: optionalBool },
      },
    },
    search: optionalNames,
    conversion: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['statusField', 'convertedValue', 'targets'],
      properties: {
        statusField: name,
        convertedValue: { type: 'string', minLength: 1, maxLength: 100 },
        targets: {
          type: 'array',
          minItems: 1,
          maxItems: 10,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['key', 'module', 'mode', 'fields', 'resultField'],
            properties: {
              key: name,
              module: name,
              mode: { type: 'string', enum: ['create', 'createOrLink'] },
              optional: optionalBool,
              fields: stringMap,
              links: { ...stringMap, nullable: true },
              matchOn: optionalNames,
              resultField: name,
            },
          },
        },
        rules: {
          type: 'array',
          nullable: true,
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'when'],
            properties: {
              name,
              when: filterJson,
              portalType: { ...name, nullable: true },
              targets: optionalNames,
            },
          },
        },
      },
    },
  },
};

const sortSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'direction'],
  properties: { field: name, direction: { type: 'string', enum: ['asc', 'desc'] } },
} as const;

const layoutSchema: JSONSchemaType<LayoutDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'module', 'view', 'audience'],
  properties: {
    kind: { type: 'string', const: 'layout' },
    name,
    label,
    module: name,
    view: { type: 'string', enum: [...layoutViews] },
    audience: name,
    columns: { ...optionalNames, maxItems: 30 },
    defaultSort: { ...sortSchema, nullable: true },
    quickFilters: {
      type: 'array',
      nullable: true,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'label', 'filter'],
        properties: { name, label, filter: filterJson },
      },
    },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, nullable: true },
    sections: {
      type: 'array',
      nullable: true,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'columns', 'fields'],
        properties: {
          label,
          columns: { type: 'integer', enum: [1, 2, 3] },
          fields: names,
          tab: { ...label, nullable: true },
        },
      },
    },
    relatedLists: {
      type: 'array',
      nullable: true,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module', 'field', 'label', 'columns'],
        properties: { module: name, field: name, label, columns: { ...names, maxItems: 12 } },
      },
    },
    card: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['title', 'fields'],
      properties: {
        title: name,
        subtitle: { ...name, nullable: true },
        badge: { ...name, nullable: true },
        fields: { ...names, maxItems: 12 },
      },
    },
  },
};

const moduleAccessSchema: JSONSchemaType<ProfileModuleAccess> = {
  type: 'object',
  additionalProperties: false,
  required: ['read', 'create', 'update', 'delete', 'export', 'import'],
  properties: {
    read: { type: 'boolean' },
    create: { type: 'boolean' },
    update: { type: 'boolean' },
    delete: { type: 'boolean' },
    export: { type: 'boolean' },
    import: { type: 'boolean' },
    fields: {
      type: 'object',
      nullable: true,
      propertyNames: keyedByName,
      additionalProperties: { type: 'string', enum: ['hidden', 'readOnly', 'readWrite'] },
      required: [],
    },
  },
};

const profileSchema: JSONSchemaType<ProfileDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'modules', 'privileges'],
  properties: {
    kind: { type: 'string', const: 'profile' },
    name,
    label,
    description: optionalText,
    requireMfa: optionalBool,
    modules: {
      type: 'object',
      propertyNames: keyedByName,
      additionalProperties: moduleAccessSchema,
      required: [],
      maxProperties: 500,
    },
    privileges: {
      type: 'object',
      additionalProperties: false,
      required: ['manageMetadata', 'manageUsers', 'managePortals', 'managePlugins', 'viewAudit'],
      properties: {
        manageMetadata: { type: 'boolean' },
        manageUsers: { type: 'boolean' },
        managePortals: { type: 'boolean' },
        managePlugins: { type: 'boolean' },
        viewAudit: { type: 'boolean' },
      },
    },
  },
};

const roleSchema: JSONSchemaType<RoleDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'profiles'],
  properties: {
    kind: { type: 'string', const: 'role' },
    name,
    label,
    parent: { ...name, nullable: true },
    profiles: { ...names, minItems: 1, maxItems: 20 },
    seeSubordinates: optionalBool,
  },
};

const userIds = {
  type: 'array',
  nullable: true,
  maxItems: 10_000,
  items: { type: 'string', maxLength: 64 },
} as const;

const groupSchema: JSONSchemaType<GroupDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'members'],
  properties: {
    kind: { type: 'string', const: 'group' },
    name,
    label,
    members: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        users: userIds,
        roles: optionalNames,
        rolesAndSubordinates: optionalNames,
        groups: optionalNames,
      },
    },
  },
};

const principalSetSchema: JSONSchemaType<PrincipalSet> = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name'],
  properties: { type: { type: 'string', enum: ['role', 'roleAndSubordinates', 'group'] }, name },
};

const sharingSchema: JSONSchemaType<SharingDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'module', 'orgDefault', 'rules'],
  properties: {
    kind: { type: 'string', const: 'sharing' },
    name,
    label,
    module: name,
    orgDefault: { type: 'string', enum: [...orgDefaults] },
    rules: {
      type: 'array',
      maxItems: 300,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'ownedBy', 'sharedWith', 'access'],
        properties: {
          name,
          ownedBy: principalSetSchema,
          sharedWith: principalSetSchema,
          access: { type: 'string', enum: ['read', 'readWrite'] },
          criteria: optionalFilterJson,
        },
      },
    },
  },
};

const portalActionList: JSONSchemaType<PortalAction[]> = {
  type: 'array',
  uniqueItems: true,
  maxItems: 4,
  items: { type: 'string', enum: [...portalActions] },
};

const brandingSchema: JSONSchemaType<Branding> = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: label,
    logoUrl: { type: 'string', maxLength: 2000, pattern: '^(https://|/)', nullable: true },
    primaryColor: colour,
    accentColor: colour,
  },
};

const navigationSchema: JSONSchemaType<NavItem[]> = {
  type: 'array',
  maxItems: 50,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['label'],
    properties: {
      label,
      module: { ...name, nullable: true },
      path: { type: 'string', pattern: '^/[a-zA-Z0-9/_-]*$', maxLength: 200, nullable: true },
      icon: { type: 'string', maxLength: 64, nullable: true },
    },
  },
};

const portalTypeSchema: JSONSchemaType<PortalTypeDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'principalModule', 'modules', 'groups', 'auth', 'branding'],
  properties: {
    kind: { type: 'string', const: 'portalType' },
    name,
    label,
    description: optionalText,
    principalModule: name,
    loginField: { ...name, nullable: true },
    accountPath: { ...name, nullable: true },
    modules: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module', 'actions', 'layouts', 'scope', 'fields'],
        properties: {
          module: name,
          actions: portalActionList,
          layouts: {
            type: 'object',
            additionalProperties: false,
            required: [],
            properties: {
              list: { ...name, nullable: true },
              canvas: { ...name, nullable: true },
              detail: { ...name, nullable: true },
              form: { ...name, nullable: true },
            },
          },
          scope: filterJson,
          accountScope: optionalFilterJson,
          fields: {
            type: 'object',
            propertyNames: keyedByName,
            additionalProperties: { type: 'string', enum: ['readOnly', 'readWrite'] },
            required: [],
            maxProperties: 500,
          },
          presets: { ...stringMap, nullable: true },
        },
      },
    },
    groups: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'label', 'modules'],
        properties: {
          name,
          label,
          isDefault: optionalBool,
          isNonPortalUsers: optionalBool,
          modules: {
            type: 'object',
            propertyNames: keyedByName,
            additionalProperties: portalActionList,
            required: [],
          },
        },
      },
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      required: ['mfa', 'tokenLink', 'sessionIdleMinutes', 'sessionAbsoluteHours'],
      properties: {
        mfa: { type: 'string', enum: ['off', 'optional', 'required'] },
        tokenLink: { type: 'boolean' },
        sessionIdleMinutes: { type: 'integer', minimum: 5, maximum: 1440 },
        sessionAbsoluteHours: { type: 'integer', minimum: 1, maximum: 720 },
        tokenLinkHours: { type: 'integer', minimum: 1, maximum: 168, nullable: true },
        passwordMinLength: { type: 'integer', minimum: 8, maximum: 64, nullable: true },
      },
    },
    branding: brandingSchema,
    navigation: { ...navigationSchema, nullable: true },
  },
};

const appSchema: JSONSchemaType<AppDoc> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'label', 'plugins', 'navigation', 'branding'],
  properties: {
    kind: { type: 'string', const: 'app' },
    name,
    label,
    currency: { type: 'string', pattern: '^[A-Z]{3}$', nullable: true },
    plugins: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'enabled'],
        properties: {
          name: { type: 'string', pattern: '^(@[a-z0-9-]+/)?[a-z0-9][a-z0-9-]*$', maxLength: 100 },
          enabled: { type: 'boolean' },
          options: { ...optionalFilterJson },
        },
      },
    },
    navigation: navigationSchema,
    branding: brandingSchema,
  },
};

/** Every metadata kind's schema, as checked against its TypeScript type. */
export const typedSchemas = {
  module: moduleSchema,
  layout: layoutSchema,
  profile: profileSchema,
  role: roleSchema,
  group: groupSchema,
  sharing: sharingSchema,
  portalType: portalTypeSchema,
  app: appSchema,
} satisfies Record<MetadataKind, unknown>;
