/** API call counts per `service:Operation`, merged from several observers. */
export function mergeCounts(
  left: Readonly<Record<string, number>>,
  right: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = { ...left };
  for (const [key, count] of Object.entries(right)) out[key] = (out[key] ?? 0) + count;
  return out;
}
