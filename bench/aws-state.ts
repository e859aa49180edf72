/**
 * A Terraform state v4 that records what the scan observed, so the benchmark can time one full
 * `driftwarden scan --state ... --region ...` over the same estate (recorded and observed agree,
 * apart from whatever the engine's normalizers disagree on). Expected-unmanaged resources (the
 * default VPC, instances of an Auto Scaling group) stay out of the state, as they would in practice.
 */
import type { Resource } from '../src/model/resource.js';

export function stateFromObserved(resources: ReadonlyArray<Resource>, expectedUnmanaged: ReadonlySet<string>): string {
  const recorded = resources
    .filter((r) => !expectedUnmanaged.has(r.address))
    .map((r, i) => ({
      mode: 'managed',
      type: r.type,
      name: `r${i}`,
      provider: r.provider,
      // The provider records the region on resources that have no ARN (v6 `region` argument).
      instances: [{ schema_version: 0, attributes: { region: r.region, ...r.attributes }, sensitive_attributes: [] }],
    }));
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.8',
    serial: 1,
    lineage: 'driftwarden-bench',
    outputs: {},
    resources: recorded,
  });
}
