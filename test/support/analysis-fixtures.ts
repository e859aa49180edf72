/**
 * A realistic multi-state estate for analysis tests: a shared network state (VPC, subnets, the
 * web security group), a production and a development app state whose instances use that
 * security group by id (no state dependency crosses states), and a hand-made network interface
 * on the same group that no state manages. Test code only: nothing in src/ outside tests imports it.
 */
import type { Resource } from '../../src/model/resource.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { detectDrift } from '../../src/engine/engine.js';
import { observedCopy, observedSnapshot, recordedSnapshot, resource } from './engine-fixtures.js';
import { awsSemantics } from '../../src/observers/aws/catalogue/index.js';
import { parseConfig } from '../../src/config/load.js';
import { sampleScanResult } from './sample-result.js';
import { analyzeScan } from '../../src/analysis/index.js';
import { liveAddress } from '../../src/model/address.js';

export const where = { account: '123456789012', region: 'eu-west-1' } as const;

export const SG_ID = 'sg-0a1b2c3d4e5f60718';
export const VPC_ID = 'vpc-0f1e2d3c4b5a69788';
export const SUBNET_A = 'subnet-0aa11bb22cc33dd44';
export const SUBNET_B = 'subnet-0ee55ff66aa77bb88';

export function networkState(): Resource[] {
  return [
    resource({
      address: 'network/aws_vpc.shared',
      type: 'aws_vpc',
      id: VPC_ID,
      environment: 'network',
      ...where,
      attributes: { id: VPC_ID, cidr_block: '10.40.0.0/16', tags: { Name: 'shared' } },
    }),
    resource({
      address: 'network/aws_subnet.private["eu-west-1a"]',
      type: 'aws_subnet',
      id: SUBNET_A,
      environment: 'network',
      ...where,
      attributes: { id: SUBNET_A, vpc_id: VPC_ID, cidr_block: '10.40.1.0/24', availability_zone: 'eu-west-1a' },
      dependencies: ['network/aws_vpc.shared'],
    }),
    resource({
      address: 'network/aws_subnet.private["eu-west-1b"]',
      type: 'aws_subnet',
      id: SUBNET_B,
      environment: 'network',
      ...where,
      attributes: { id: SUBNET_B, vpc_id: VPC_ID, cidr_block: '10.40.2.0/24', availability_zone: 'eu-west-1b' },
      dependencies: ['network/aws_vpc.shared'],
    }),
    resource({
      address: 'network/aws_security_group.web',
      type: 'aws_security_group',
      id: SG_ID,
      environment: 'network',
      ...where,
      attributes: {
        id: SG_ID,
        name: 'web',
        description: 'web tier',
        vpc_id: VPC_ID,
        ingress: [],
        egress: [],
        tags: { Name: 'web' },
      },
      dependencies: ['network/aws_vpc.shared'],
    }),
  ];
}

/** Two web instances in `environment`, labelled `<label>/`, using the shared group and subnets by id. */
export function appState(label: string, environment: string, idPrefix: string): Resource[] {
  return [0, 1].map((index) =>
    resource({
      address: `${label}/aws_instance.web[${index}]`,
      type: 'aws_instance',
      id: `i-0${idPrefix}${index}0000000000000`,
      environment,
      ...where,
      attributes: {
        id: `i-0${idPrefix}${index}0000000000000`,
        ami: 'ami-0123456789abcdef0',
        instance_type: 't3.small',
        subnet_id: index === 0 ? SUBNET_A : SUBNET_B,
        vpc_security_group_ids: [SG_ID],
        tags: { Name: `${environment}-web-${index}` },
      },
    }),
  );
}

/** A network interface made in the console on the shared group: live only. */
export function handMadeInterface(): Resource {
  return resource({
    address: liveAddress('aws_network_interface', 'eni-0c0ffee0c0ffee000'),
    type: 'aws_network_interface',
    id: 'eni-0c0ffee0c0ffee000',
    ...where,
    attributes: { id: 'eni-0c0ffee0c0ffee000', subnet_id: SUBNET_A, security_groups: [SG_ID], description: 'debug' },
  });
}

/**
 * A whole ScanResult for report tests: the report sample's scan info around the findings the real
 * engine and this analysis produce for the estate above, with the security group's description
 * edited (a replacement that cascades) and a dev instance resized, and the graph.
 */
export function analyzedEstateResult(): ScanResult {
  const config = parseConfig(
    'environments:\n  network:\n    tier: shared\n    shared: ["aws_security_group.*"]\n  prod:\n    tier: production\n  dev:\n    tier: development\n',
    '/srv/estate/driftwarden.yaml',
  );
  const recorded: Resource[] = [...networkState(), ...appState('prod', 'prod', 'a'), ...appState('dev', 'dev', 'b')];
  const observed = recorded.map((r) => {
    if (r.id === SG_ID) return observedCopy(r, { ...r.attributes, description: 'web tier (console edit)' });
    if (r.address === 'dev/aws_instance.web[1]')
      return observedCopy(r, { ...r.attributes, instance_type: 't3.xlarge' });
    return observedCopy(r);
  });
  observed.push(handMadeInterface());
  const types = [...new Set(observed.map((r) => r.type))];
  const snaps = {
    recorded: recordedSnapshot(recorded),
    observed: observedSnapshot(
      observed,
      types.map((type) => ({ type, ...where })),
    ),
  };
  const engine = detectDrift({ ...snaps, semantics: awsSemantics });
  const analysis = analyzeScan({ findings: engine.findings, ...snaps, config });
  return { ...sampleScanResult(analysis.findings), graph: analysis.graph };
}
