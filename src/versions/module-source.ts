/**
 * What a `module { source, version }` pins. Terraform's source forms
 * (https://developer.hashicorp.com/terraform/language/modules/sources): local paths (`./`, `../`),
 * registry addresses (`[host/]namespace/name/system`, pinned by `version`), Git (`git::URL`,
 * `github.com/...`, `git@host:...`, `bitbucket.org/...`, pinned by `?ref=`), and other remote
 * sources (archives over HTTP, S3, GCS, Mercurial) whose whole address is the pin.
 */

export type ModuleSource =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'registry'; readonly address: string; readonly version?: string }
  | { readonly kind: 'git'; readonly url: string; readonly ref?: string }
  | { readonly kind: 'other'; readonly address: string };

const REGISTRY =
  /^(?:[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?\/)?[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_-]*(?:\/\/.*)?$/;
const GIT_SHORTHAND = /^(?:github\.com|bitbucket\.org)\/|^git@/;

export function classifyModuleSource(source: string, version: string | undefined): ModuleSource {
  if (source.startsWith('./') || source.startsWith('../')) return { kind: 'local', path: source };
  if (source.startsWith('git::') || GIT_SHORTHAND.test(source)) {
    const { base, ref } = splitRef(source.replace(/^git::/, ''));
    return ref === undefined ? { kind: 'git', url: base } : { kind: 'git', url: base, ref };
  }
  if (!source.includes('::') && !source.includes('://') && REGISTRY.test(source)) {
    return version === undefined || version.trim() === ''
      ? { kind: 'registry', address: source }
      : { kind: 'registry', address: source, version: version.trim() };
  }
  return { kind: 'other', address: source };
}

/** Removes `ref=` from the query string (other parameters such as `depth=1` stay in the address). */
function splitRef(source: string): { base: string; ref?: string } {
  const question = source.indexOf('?');
  if (question < 0) return { base: source };
  const params = new URLSearchParams(source.slice(question + 1));
  const ref = params.get('ref') ?? undefined;
  params.delete('ref');
  const rest = params.toString();
  const base = `${source.slice(0, question)}${rest ? `?${rest}` : ''}`;
  return ref === undefined || ref === '' ? { base } : { base, ref };
}
