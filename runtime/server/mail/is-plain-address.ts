/** A dot-atom: letters, digits (any script) and RFC 5322 `atext` symbols, dots only between them. */
const localPart = /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+)*$/u;
/** Two or more labels of letters, digits and inner hyphens. */
const domain = /^(?:[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?\.)+[\p{L}\p{N}\p{M}]{2,}$/u;

/**
 * Whether `value` is one plain mailbox address, `local@domain`, and nothing else: no display name,
 * no angle brackets, no comments, no quoted local part, no list or group, no whitespace or line
 * breaks. Stricter than RFC 5322 on purpose: what passes can go into a header or an SMTP command
 * as it is, and stands for exactly one recipient.
 */
export function isPlainAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const host = value.slice(at + 1);
  return local.length <= 64 && localPart.test(local) && host.length <= 253 && domain.test(host);
}
