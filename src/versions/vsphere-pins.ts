/**
 * vSphere pins in the code: what a VM is built from and on, compared across environments like AMIs.
 *   - `vm_hardware`: `resource "vsphere_virtual_machine" { hardware_version = 19 }` (the VM's
 *     virtual hardware, `vmx-19` in vCenter);
 *   - `vm_template`: the template a VM is cloned from, as the code names it: `clone { template_uuid }`
 *     when it is a literal, and `data "vsphere_virtual_machine" { name }` (the usual template lookup).
 * Literals only: a value computed from a variable, a local or a data source's attribute is reported
 * as an expression (Terraform alone knows it), never guessed at.
 */
import { asList, asRecord } from './hcl-files.js';

export interface VspherePin {
  readonly category: 'vm_template' | 'vm_hardware';
  /** Argument path inside the block: `hardware_version`, `clone.template_uuid`, `name`. */
  readonly path: string;
  readonly value: string;
}

export interface VspherePins {
  readonly pins: VspherePin[];
  /** Paths of these arguments whose value is an expression. */
  readonly expressions: string[];
}

function literal(value: unknown): string | undefined | 'expression' {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  return value.includes('${') ? 'expression' : value;
}

/** The vSphere pins of one `resource` or `data` block of `type` (`data` blocks: `dataSource` true). */
export function vspherePins(type: string, block: unknown, dataSource: boolean): VspherePins {
  const out: VspherePins = { pins: [], expressions: [] };
  if (type !== 'vsphere_virtual_machine') return out;
  const fields = asRecord(block);
  const take = (category: VspherePin['category'], path: string, raw: unknown): void => {
    const value = literal(raw);
    if (value === 'expression') out.expressions.push(path);
    else if (value !== undefined && value !== '') out.pins.push({ category, path, value });
  };
  if (dataSource) {
    take('vm_template', 'name', fields['name']);
    return out;
  }
  take('vm_hardware', 'hardware_version', fields['hardware_version']);
  for (const clone of asList(fields['clone']))
    take('vm_template', 'clone.template_uuid', asRecord(clone)['template_uuid']);
  return out;
}
