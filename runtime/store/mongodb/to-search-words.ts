const maxWords = 32;
const wordCharacter = /[\p{L}\p{N}\p{Co}]/u;

/**
 * The literal words of a search: split on whitespace, with `"` and `\` (the only characters `$text`
 * reads as syntax inside a quoted phrase) treated as spaces, words without a letter or digit dropped,
 * at most 32 kept.
 */
export function toSearchWords(text: string): string[] {
  return text
    .split(/[\s"\\]+/u)
    .filter((word) => wordCharacter.test(word))
    .slice(0, maxWords);
}
