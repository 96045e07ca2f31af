import type { Algorithm, Options } from '@node-rs/argon2';

// `Algorithm` is an ambient const enum, which isolatedModules cannot read; 2 is `Algorithm.Argon2id`.
const argon2id = 2 as Algorithm;

/** The Argon2id parameters every password hash uses (OWASP: 19 MiB, t=2, p=1). */
export const argon2Options = {
  algorithm: argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const satisfies Options;
