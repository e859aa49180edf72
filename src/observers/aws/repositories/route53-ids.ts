/**
 * Route 53 identifiers, apart from the repository: catalogue entries import this without loading
 * the Route 53 SDK package (the repository loads it on first use).
 */

/** `/hostedzone/Z123` → `Z123` (the provider's cleanZoneID). */
export function cleanZoneId(id: string | undefined): string {
  return (id ?? '').replace(/^\/hostedzone\//, '');
}
