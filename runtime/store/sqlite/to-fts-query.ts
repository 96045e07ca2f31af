const maxTokens = 32;
const wordCharacter = /[\p{L}\p{N}\p{Co}]/u;

/**
 * An FTS5 query that matches records holding every word of `text`: each whitespace-separated word
 * becomes a quoted string (inner quotes doubled), so operators, `*`, `NEAR(`, `^` and column names in
 * user text are literal words, never syntax. Words without a letter or digit (which the tokenizer
 * would drop) are skipped, and so are words past the 32nd. With `columns`, only those FTS columns are
 * searched. Null when nothing searchable is left.
 */
export function toFtsQuery(args: { text: string; columns?: readonly string[] }): string | null {
  const words = args.text
    .split(/\s+/u)
    .filter((word) => wordCharacter.test(word))
    .slice(0, maxTokens);
  if (words.length === 0) return null;
  const phrases = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
  if (!args.columns) return phrases;
  if (args.columns.length === 0) return null;
  return `{${args.columns.join(' ')}} : (${phrases})`;
}
