import { commonPasswords } from './common-passwords.ts';
import { countCodePoints } from './count-code-points.ts';
import { hasLoneSurrogate } from './has-lone-surrogate.ts';
import { isOversizedPassword } from './is-oversized-password.ts';
import { normalizePassword } from './normalize-password.ts';
import { passwordLimits } from './password-limits.ts';
import type { PasswordContext, PasswordProblem } from './types.ts';

const commonPasswordSet: ReadonlySet<string> = new Set(commonPasswords);

function foldCase(text: string): string {
  return normalizePassword(text).toLowerCase();
}

function identityWords(context: PasswordContext): string[] {
  const words = [...(context.words ?? [])];
  if (context.username) words.push(context.username);
  if (context.email) {
    words.push(context.email);
    const at = context.email.lastIndexOf('@');
    if (at > 0) words.push(context.email.slice(0, at));
  }
  return words.map(foldCase).filter((word) => word.length > 0);
}

/**
 * The reasons a password a user chose is refused; an empty list means it is acceptable. Rules: 8–256
 * characters counted as Unicode code points (`minLength` may raise the floor, never lower it), at
 * most 1024 UTF-8 bytes, no lone surrogates, not a common password, not equal to the user's email,
 * the part of the email before `@`, username or `context.words` (all case-insensitive). Any character
 * is allowed and nothing is truncated.
 *
 * Oversized input is answered with `tooLong` alone, before any other work, and must not be hashed.
 */
export function checkPasswordPolicy(args: {
  password: string;
  minLength?: number;
  context?: PasswordContext;
}): PasswordProblem[] {
  const { maxLength, maxBytes } = passwordLimits;
  if (isOversizedPassword(args.password)) {
    return [
      {
        code: 'tooLong',
        maxLength,
        maxBytes,
        message: `The password must be at most ${maxLength} characters (${maxBytes} bytes).`,
      },
    ];
  }
  if (hasLoneSurrogate(args.password)) {
    return [{ code: 'malformed', message: 'The password contains an invalid character.' }];
  }

  const problems: PasswordProblem[] = [];
  const minLength = Math.min(Math.max(args.minLength ?? 0, passwordLimits.minLength), maxLength);
  if (countCodePoints(normalizePassword(args.password)) < minLength) {
    problems.push({
      code: 'tooShort',
      minLength,
      message: `The password must be at least ${minLength} characters.`,
    });
  }
  const folded = foldCase(args.password);
  if (commonPasswordSet.has(folded)) {
    problems.push({ code: 'common', message: 'This password is too common; choose another.' });
  }
  if (args.context && identityWords(args.context).includes(folded)) {
    problems.push({
      code: 'matchesIdentity',
      message: 'The password must not be your email address or user name.',
    });
  }
  return problems;
}
