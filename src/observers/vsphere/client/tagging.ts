/**
 * The vSphere Automation tagging API (`/rest/com/vmware/cis/tagging`), the one the Terraform
 * provider reads tags through (govmomi's vapi/tags): categories, tags, and the tags attached to
 * many objects in one call (`list-attached-tags-on-objects`).
 *
 * Round-trips: 1 session + 2 listings + one GET per category and per tag + one association call per
 * 1,000 objects. Categories and tags are few; VMs are never read one by one.
 */
import { VsphereApiError } from './errors.js';
import type { HttpSession } from './http.js';
import type { MoRef } from './xml.js';

export interface TagCategory {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly cardinality: string;
  readonly associable_types: ReadonlyArray<string>;
}

export interface Tag {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly category_id: string;
}

const BASE = '/rest/com/vmware/cis';
const ASSOCIATION_BATCH = 1000;

export class TaggingClient {
  constructor(private readonly http: HttpSession) {}

  /** Opens a tagging session (basic auth once; the session cookie is kept by the HttpSession). */
  async login(user: string, password: string): Promise<void> {
    const auth = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
    const res = await this.http.request('POST', `${BASE}/session`, 'cis:session', '', {
      authorization: `Basic ${auth}`,
    });
    if (res.status === 401 || res.status === 403) {
      throw new VsphereApiError(
        'login',
        'vSphere tagging login failed: check VSPHERE_USER and VSPHERE_PASSWORD',
        String(res.status),
      );
    }
    if (res.status >= 400) throw statusError(res.status, 'cis:session');
    const token = (JSON.parse(res.body) as { value?: string }).value;
    if (token) this.sessionHeader = token;
  }

  private sessionHeader: string | undefined;

  async logout(): Promise<void> {
    if (this.sessionHeader === undefined) return;
    await this.http
      .request('DELETE', `${BASE}/session`, 'cis:session', undefined, this.headers())
      // eslint-disable-next-line no-restricted-syntax -- logging out of the tagging session is best effort: the session expires on the server anyway
      .catch(() => undefined);
    this.sessionHeader = undefined;
  }

  private headers(): Record<string, string> {
    return {
      'content-type': 'application/json',
      ...(this.sessionHeader ? { 'vmware-api-session-id': this.sessionHeader } : {}),
    };
  }

  private async call<T>(method: string, path: string, operation: string, body?: unknown): Promise<T> {
    const res = await this.http.request(
      method,
      `${BASE}${path}`,
      operation,
      body === undefined ? undefined : JSON.stringify(body),
      this.headers(),
    );
    if (res.status >= 400) throw statusError(res.status, operation);
    try {
      return (JSON.parse(res.body || '{}') as { value: T }).value;
    } catch (err) {
      throw new VsphereApiError('endpoint', `${operation}: the answer is not JSON`, String(res.status), err);
    }
  }

  async categories(): Promise<TagCategory[]> {
    const ids = (await this.call<string[] | undefined>('GET', '/tagging/category', 'cis:category.list')) ?? [];
    const out: TagCategory[] = [];
    for (const id of ids) {
      const c = await this.call<Partial<TagCategory> & { id: string }>(
        'GET',
        `/tagging/category/id:${encodeURIComponent(id)}`,
        'cis:category.get',
      );
      out.push({
        id: c.id,
        name: c.name ?? '',
        description: c.description ?? '',
        cardinality: c.cardinality ?? '',
        associable_types: c.associable_types ?? [],
      });
    }
    return out;
  }

  async tags(): Promise<Tag[]> {
    const ids = (await this.call<string[] | undefined>('GET', '/tagging/tag', 'cis:tag.list')) ?? [];
    const out: Tag[] = [];
    for (const id of ids) {
      const t = await this.call<Partial<Tag> & { id: string }>(
        'GET',
        `/tagging/tag/id:${encodeURIComponent(id)}`,
        'cis:tag.get',
      );
      out.push({ id: t.id, name: t.name ?? '', description: t.description ?? '', category_id: t.category_id ?? '' });
    }
    return out;
  }

  /** Tag ids attached to each object, by `type:value`, in batches of 1,000 objects per call. */
  async attachedTags(objects: ReadonlyArray<MoRef>): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < objects.length; i += ASSOCIATION_BATCH) {
      const batch = objects.slice(i, i + ASSOCIATION_BATCH).map((o) => ({ type: o.type, id: o.value }));
      const value =
        (await this.call<{ object_id: { type: string; id: string }; tag_ids?: string[] }[] | undefined>(
          'POST',
          '/tagging/tag-association?~action=list-attached-tags-on-objects',
          'cis:tag-association.list-attached-tags-on-objects',
          { object_ids: batch },
        )) ?? [];
      for (const entry of value)
        out.set(`${entry.object_id.type}:${entry.object_id.id}`, [...(entry.tag_ids ?? [])].sort());
    }
    return out;
  }

  /** Test and demo support: creates a category and returns its id. */
  async createCategory(spec: {
    name: string;
    description?: string;
    cardinality: 'SINGLE' | 'MULTIPLE';
    associable_types: string[];
  }): Promise<string> {
    return this.call<string>('POST', '/tagging/category', 'cis:category.create', {
      create_spec: { description: '', ...spec },
    });
  }

  async createTag(spec: { name: string; description?: string; category_id: string }): Promise<string> {
    return this.call<string>('POST', '/tagging/tag', 'cis:tag.create', { create_spec: { description: '', ...spec } });
  }

  async attachTag(tagId: string, object: MoRef): Promise<void> {
    await this.call<unknown>(
      'POST',
      `/tagging/tag-association/id:${encodeURIComponent(tagId)}?~action=attach`,
      'cis:tag-association.attach',
      {
        object_id: { type: object.type, id: object.value },
      },
    );
  }
}

function statusError(status: number, operation: string): VsphereApiError {
  if (status === 401)
    return new VsphereApiError('session', `${operation}: the tagging session is not authenticated (HTTP 401)`, '401');
  if (status === 403)
    return new VsphereApiError(
      'access-denied',
      `${operation}: vSphere denied the tagging call (HTTP 403): grant the scanning user read access to tags`,
      '403',
    );
  if (status === 404)
    return new VsphereApiError(
      'unsupported',
      `${operation}: this endpoint does not serve the tagging API (HTTP 404)`,
      '404',
    );
  return new VsphereApiError('endpoint', `${operation}: HTTP ${status}`, String(status));
}
