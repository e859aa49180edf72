/**
 * Live vSphere observation options from the command line, the configuration and the environment
 * variables the Terraform vSphere provider reads: VSPHERE_SERVER, VSPHERE_USER, VSPHERE_PASSWORD
 * (or the variable `vsphere.password_env` names) and VSPHERE_ALLOW_UNVERIFIED_SSL.
 * Observation is live when asked for (--vsphere, --vsphere-server) or when the config has `vsphere:`.
 * The password is read from the environment only: a config file or a flag never holds it.
 */
import { DriftwardenError } from '../model/errors.js';
import type { DriftwardenConfig } from '../config/schema.js';
import type { LiveVsphereOptions } from '../scan/run.js';

export interface VsphereFlags {
  readonly vsphere?: boolean;
  readonly vsphereServer?: string;
  readonly vsphereInsecure?: boolean;
  readonly vsphereCaFile?: string;
  readonly type: string[];
}

export function liveVsphereOptions(
  flags: VsphereFlags,
  config: DriftwardenConfig | undefined,
  env: NodeJS.ProcessEnv,
): LiveVsphereOptions | undefined {
  const section = config?.vsphere;
  if (!flags.vsphere && flags.vsphereServer === undefined && !section) return undefined;
  const where = config && section ? { file: config.file } : {};
  const server = flags.vsphereServer ?? section?.server ?? env['VSPHERE_SERVER'];
  if (!server) {
    throw new DriftwardenError('usage', 'no vSphere server to observe', {
      ...where,
      key: 'vsphere.server',
      nextStep: 'set VSPHERE_SERVER, pass --vsphere-server, or set vsphere.server in driftwarden.yaml',
    });
  }
  const user = section?.user ?? env['VSPHERE_USER'];
  if (!user) {
    throw new DriftwardenError('usage', 'no vSphere user', {
      ...where,
      key: 'vsphere.user',
      nextStep: 'set VSPHERE_USER or vsphere.user in driftwarden.yaml',
    });
  }
  const passwordEnv = section?.passwordEnv ?? 'VSPHERE_PASSWORD';
  const password = env[passwordEnv];
  if (password === undefined || password === '') {
    throw new DriftwardenError('usage', `no vSphere password: ${passwordEnv} is not set`, {
      ...where,
      key: 'vsphere.password_env',
      nextStep: `export ${passwordEnv} (the password is read from the environment only, never from a file or a flag)`,
    });
  }
  const insecure =
    flags.vsphereInsecure === true ||
    section?.insecure === true ||
    /^(1|true)$/i.test(env['VSPHERE_ALLOW_UNVERIFIED_SSL'] ?? '');
  const caFile = flags.vsphereCaFile ?? section?.caFile;
  return {
    server,
    user,
    password,
    insecure,
    ...(caFile !== undefined ? { caFile } : {}),
    ...(section?.timeoutSeconds !== undefined ? { timeoutMs: section.timeoutSeconds * 1000 } : {}),
    ...(section && section.datacenters.length > 0 ? { datacenters: section.datacenters } : {}),
    ...(flags.type.length > 0 ? { types: flags.type } : {}),
  };
}
