const syntaxCharacters = /[\\^$.*+?()[\]{}|/]/g;

/**
 * User text as a regular-expression source that matches exactly that text, in both PCRE (MongoDB)
 * and JavaScript (with or without the `u` flag): every syntax character is escaped, and NUL becomes
 * `\x00` because MongoDB refuses a pattern holding a raw NUL. `-` needs no escape: no character
 * class can open once `[` is escaped.
 */
export function escapeRegex(text: string): string {
  return text.replace(syntaxCharacters, (character) => `\\${character}`).replace(/\0/g, '\\x00');
}
