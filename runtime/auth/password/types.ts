/** Why a password is refused; `message` is English text a UI may show or replace by `code`. */
export type PasswordProblem =
  | { code: 'tooShort'; minLength: number; message: string }
  | { code: 'tooLong'; maxLength: number; maxBytes: number; message: string }
  | { code: 'malformed'; message: string }
  | { code: 'common'; message: string }
  | { code: 'matchesIdentity'; message: string };

/** Who the password is for: it must not equal any of these (case-insensitive). */
export type PasswordContext = {
  email?: string;
  username?: string;
  /** Other words the password must not equal, e.g. the product or company name. */
  words?: readonly string[];
};
