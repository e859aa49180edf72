/**
 * vSphere API failures, classified by what the user can do about them. Classification reads the
 * SOAP fault's type (`NoPermission`, `NotAuthenticated`, `InvalidLogin`, ...), the HTTP status and
 * the Node.js system error code, never the fault's message text, which vCenter localizes.
 *
 * The password never appears here: messages name the server and the user only.
 */

/** The machine-readable reason of an incomplete scope (IncompleteScope.code). */
export type VsphereFailureKind =
  'access-denied' | 'login' | 'session' | 'timeout' | 'tls' | 'endpoint' | 'unsupported' | 'error';

export class VsphereApiError extends Error {
  readonly kind: VsphereFailureKind;
  /** The vim25 fault type or HTTP status that caused it, when there is one. */
  readonly fault: string | undefined;
  /** One line for reports: what failed and what to do. Never contains a credential. */
  readonly reason: string;

  constructor(kind: VsphereFailureKind, reason: string, fault?: string, cause?: unknown) {
    super(reason, cause === undefined ? undefined : { cause });
    this.name = 'VsphereApiError';
    this.kind = kind;
    this.fault = fault;
    this.reason = reason;
  }
}

const ACCESS_DENIED = new Set(['NoPermission', 'NotAuthorized', 'RestrictedByAdministrator']);
const SESSION = new Set(['NotAuthenticated', 'SessionNotFound']);
const LOGIN = new Set(['InvalidLogin', 'InvalidLoginFault', 'PasswordExpired', 'UserNotFound']);
const UNSUPPORTED = new Set(['NotSupported', 'NotImplemented', 'MethodNotFound']);

/** Classifies a SOAP fault by its detail type (`NoPermission`) and the operation that raised it. */
export function faultError(faultType: string | undefined, operation: string, privilege?: string): VsphereApiError {
  const type = faultType ?? 'unknown';
  if (ACCESS_DENIED.has(type)) {
    return new VsphereApiError(
      'access-denied',
      `vSphere denied ${operation} (${type}${privilege ? `, privilege ${privilege}` : ''}): grant the scanning user read access (the built-in Read-only role) on this inventory`,
      type,
    );
  }
  if (SESSION.has(type)) {
    return new VsphereApiError(
      'session',
      `the vSphere session was lost during ${operation} (${type}): the scan logs in again next time`,
      type,
    );
  }
  if (LOGIN.has(type)) {
    return new VsphereApiError(
      'login',
      `vSphere login failed (${type}): check VSPHERE_USER and VSPHERE_PASSWORD (or vsphere.user in driftwarden.yaml)`,
      type,
    );
  }
  if (UNSUPPORTED.has(type) || type === 'ManagedObjectNotFound') {
    return new VsphereApiError(
      UNSUPPORTED.has(type) ? 'unsupported' : 'error',
      `${operation} failed on this endpoint (${type})`,
      type,
    );
  }
  return new VsphereApiError('error', `${operation} failed (${type})`, type);
}

/** Node.js network and TLS failures, by their system code. */
export function networkError(err: unknown, server: string, operation: string): VsphereApiError {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'ETIMEDOUT' || code === 'DRIFTWARDEN_TIMEOUT') {
    return new VsphereApiError(
      'timeout',
      `${operation} on ${server} timed out: raise vsphere.timeout_seconds or check the network`,
      code,
      err,
    );
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new VsphereApiError(
      'tls',
      `the TLS certificate of ${server} is not trusted (${code}): give its CA in vsphere.ca_file, or for a lab only set vsphere.insecure: true`,
      code,
      err,
    );
  }
  return new VsphereApiError(
    'endpoint',
    `${server} could not be reached for ${operation} (${code || 'network error'})`,
    code || undefined,
    err,
  );
}
