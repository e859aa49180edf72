/**
 * Attribution for a live scan: asks CloudTrail (trail log files in S3, and LookupEvents where the
 * endpoint serves it) who last changed each drifted, missing or unmanaged resource, and puts the
 * answer on the finding. A source that cannot be read is reported as data, never thrown.
 */
import type { Finding } from '../model/finding.js';
import type { AttributionSourceStatus } from '../model/scan-result.js';
import { ApiCallCounter, AwsClientFactory, credentialsFor } from '../observers/aws/client.js';
import { attribute, attributionKey, type AttributionTarget } from '../observers/aws/attribution/index.js';
import type { ObserveProgress } from '../observers/aws/observe.js';
import type { AttributionOptions } from './run.js';

const ATTRIBUTION_MAX_ATTEMPTS = 3;

function targetOf(finding: Finding): AttributionTarget | undefined {
  if (finding.resource.id === undefined) return undefined;
  return {
    type: finding.resource.type,
    id: finding.resource.id,
    ...(finding.resource.account !== undefined ? { account: finding.resource.account } : {}),
    ...(finding.resource.region !== undefined ? { region: finding.resource.region } : {}),
  };
}

export async function attributeFindings(
  findings: ReadonlyArray<Finding>,
  options: AttributionOptions,
  progress: ObserveProgress,
): Promise<{ findings: Finding[]; sources: AttributionSourceStatus[]; apiCalls: Record<string, number> }> {
  const targets = findings.map(targetOf).filter((t): t is AttributionTarget => t !== undefined);
  const counter = new ApiCallCounter();
  // Few attempts: an endpoint that does not serve LookupEvents answers 500 every time, and ten
  // adaptive retries per region would stall the scan for minutes on a question that is optional.
  const clients = new AwsClientFactory(credentialsFor({}, { counter }), {
    counter,
    maxAttempts: ATTRIBUTION_MAX_ATTEMPTS,
  });
  const task = 'attribution (CloudTrail)';
  progress.start(task, targets.length);
  try {
    const result = await attribute(targets, {
      clients,
      days: options.days,
      pipelinePrincipals: options.pipelinePrincipals,
      lookupEvents: options.lookupEvents,
      ...(options.trailBucket !== undefined ? { trailBucket: options.trailBucket } : {}),
      ...(options.trailPrefix !== undefined ? { trailPrefix: options.trailPrefix } : {}),
      ...(options.trailBucketRegion !== undefined ? { trailBucketRegion: options.trailBucketRegion } : {}),
    });
    progress.advance(task, targets.length);
    for (const source of result.sources)
      if (!source.available) progress.fail(task, source.reason ?? `${source.source} unavailable`);
    return {
      findings: findings.map((finding) => {
        const target = targetOf(finding);
        const attribution = target ? result.attributions.get(attributionKey(target)) : undefined;
        return attribution ? { ...finding, attribution } : finding;
      }),
      sources: result.sources.map((s) => ({ ...s })),
      apiCalls: counter.toJSON(),
    };
  } finally {
    progress.finish(task);
    clients.destroy();
  }
}

export { mergeCounts } from './counts.js';
