/** The size limits every password passes before anything else looks at it. */
export const passwordLimits = {
  /** The policy floor; a configured `minLength` below this is raised to it. */
  minLength: 8,
  /** Counted in Unicode code points, not UTF-16 units. */
  maxLength: 256,
  /** UTF-8 bytes, so a short string of long characters cannot make hashing expensive. */
  maxBytes: 1024,
} as const;
