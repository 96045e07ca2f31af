/** The number of Unicode code points in a string (an emoji is one, not two UTF-16 units). */
export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
