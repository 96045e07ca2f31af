const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string holds half of a UTF-16 surrogate pair. Such a string has no UTF-8 form: encoding
 * replaces each half with U+FFFD, so two different passwords would hash the same.
 */
export function hasLoneSurrogate(text: string): boolean {
  return loneSurrogate.test(text);
}
