/** A half-open range of text in SQLite's binary (code point) order: `low <= value < high`; no `high` means unbounded. */
export type TextRange = { low: string; high?: string };

const maxCodePoint = 0x10ffff;
/** Every cased letter is in the first two Unicode planes (BMP and SMP): no need to look further. */
const lastCasedPlaneEnd = 0x1ffff;
const surrogateStart = 0xd800;
const surrogateEnd = 0xdfff;

let sources: ReadonlyMap<number, readonly number[]> | undefined;

/**
 * For each code point `t`, the code points whose `toLowerCase()` starts with `t`, kept only where
 * that is not simply `[t]`: about 1,400 entries, built once on first use (a few ms).
 */
function lowerCaseSources(): ReadonlyMap<number, readonly number[]> {
  if (sources) return sources;
  const found = new Map<number, number[]>();
  for (let code = 0; code <= lastCasedPlaneEnd; code += 1) {
    if (code === surrogateStart) code = surrogateEnd + 1;
    const lower = String.fromCodePoint(code).toLowerCase().codePointAt(0);
    if (lower === undefined || lower === code) continue;
    let list = found.get(lower);
    if (!list) {
      const own = String.fromCodePoint(lower).toLowerCase().codePointAt(0);
      list = own === lower ? [lower] : [];
      found.set(lower, list);
    }
    list.push(code);
  }
  for (const list of found.values()) list.sort((a, b) => a - b);
  sources = found;
  return found;
}

function nextCodePoint(code: number): number | undefined {
  if (code >= maxCodePoint) return undefined;
  return code + 1 === surrogateStart ? surrogateEnd + 1 : code + 1;
}

/**
 * Text ranges that every string `v` with `v.toLowerCase().startsWith(prefix)` lies in, for an
 * already lower-cased `prefix`: one range per code point whose lower case starts with the
 * prefix's first code point (`s` → `[S, T)` and `[s, t)`; `k` adds the Kelvin sign). JavaScript's
 * `toLowerCase` maps each code point on its own except Greek final sigma, which never applies to
 * the first letter, so the first code point of `v` decides the first code point of its lower case.
 * The ranges only narrow the rows an index must visit; the exact test still runs on each row.
 * Null for an empty prefix (everything matches).
 */
export function caseInsensitivePrefixRanges(prefix: string): TextRange[] | null {
  const first = prefix.codePointAt(0);
  if (first === undefined) return null;
  const own = String.fromCodePoint(first).toLowerCase().codePointAt(0) === first ? [first] : [];
  const codes = lowerCaseSources().get(first) ?? own;
  return codes.map((code) => {
    const next = nextCodePoint(code);
    const low = String.fromCodePoint(code);
    return next === undefined ? { low } : { low, high: String.fromCodePoint(next) };
  });
}
