/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): `=`,
 * `+`, `-`, `@`, tab and carriage return, and the full-width forms of the first four, which some
 * spreadsheets normalise to them.
 */
const formulaStarts: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/**
 * The cell text made safe to open in a spreadsheet: a cell that starts with a formula character
 * (`=`, `+`, `-`, `@`, tab, CR, or a full-width `＝＋－＠`) gets a leading `'`, so it is shown as
 * text and never evaluated. Every other cell is returned unchanged. Negative numbers are
 * neutralised too (`'-5`): a formula can hide behind any leading `-`.
 */
export function neutralizeCsvCell(cell: string): string {
  const first = cell[0];
  return first !== undefined && formulaStarts.has(first) ? `'${cell}` : cell;
}
