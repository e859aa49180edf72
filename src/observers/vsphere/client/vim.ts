/**
 * A small typed vim25 client for exactly what Driftwarden needs: the service content, login and
 * logout, container views, paged property retrieval (RetrievePropertiesEx then
 * ContinueRetrievePropertiesEx: an inventory of thousands of objects is read in pages of
 * `pageSize`, never one call per object), tasks, the datastore browser, and the mutating calls that
 * revert and prune use (ReconfigVM_Task, RemoveSnapshot_Task, power off and on).
 *
 * No maintained Node.js vSphere client exists (the only npm package, node-vsphere-soap, was last
 * released in 2015 on soap 0.8): see the README's dependency notes.
 */
import { faultError, VsphereApiError } from './errors.js';
import { HttpSession, type VsphereConnectionOptions } from './http.js';
import { invoke } from './soap.js';
import {
  child,
  children,
  each,
  el,
  moRefOf,
  seq,
  textOf,
  type XmlFragment,
  type MoRef,
  type XmlElement,
} from './xml.js';

export interface ServiceContent {
  readonly rootFolder: MoRef;
  readonly propertyCollector: MoRef;
  readonly viewManager: MoRef;
  readonly sessionManager: MoRef;
  readonly fileManager?: MoRef;
  readonly virtualDiskManager?: MoRef;
  readonly searchIndex?: MoRef;
  /** `VirtualCenter` or `HostAgent` (a standalone ESXi). */
  readonly apiType: string;
  readonly apiVersion: string;
  readonly instanceUuid?: string;
}

/** One object of a property retrieval: its reference, the properties read, the ones it could not read. */
export interface ObjectContent {
  readonly obj: MoRef;
  readonly props: ReadonlyMap<string, XmlElement>;
  /** Properties vCenter could not return for this object, with the fault type (NoPermission, ...). */
  readonly missing: ReadonlyArray<{ readonly path: string; readonly fault: string }>;
}

export const DEFAULT_PAGE_SIZE = 1000;

export class VimClient {
  readonly http: HttpSession;
  private content: ServiceContent | undefined;

  constructor(options: VsphereConnectionOptions) {
    this.http = new HttpSession(options);
  }

  get serviceContent(): ServiceContent {
    if (!this.content) throw new Error('VimClient: call connect() first');
    return this.content;
  }

  /** Round-trips so far, by operation. */
  apiCalls(): Record<string, number> {
    return Object.fromEntries([...this.http.calls].map(([op, n]) => [`vsphere:${op}`, n]));
  }

  async connect(): Promise<ServiceContent> {
    const ret = await invoke(
      this.http,
      'RetrieveServiceContent',
      el('_this', { type: 'ServiceInstance', value: 'ServiceInstance' }),
    );
    const about = child(ret, 'about');
    const ref = (name: string): MoRef | undefined => moRefOf(child(ret, name));
    const required = (name: string): MoRef => {
      const r = ref(name);
      if (!r)
        throw new VsphereApiError(
          'endpoint',
          `${this.http.server} is not a vSphere endpoint (no ${name} in its service content)`,
        );
      return r;
    };
    const fileManager = ref('fileManager');
    const virtualDiskManager = ref('virtualDiskManager');
    const searchIndex = ref('searchIndex');
    this.content = {
      rootFolder: required('rootFolder'),
      propertyCollector: required('propertyCollector'),
      viewManager: required('viewManager'),
      sessionManager: required('sessionManager'),
      ...(fileManager ? { fileManager } : {}),
      ...(virtualDiskManager ? { virtualDiskManager } : {}),
      ...(searchIndex ? { searchIndex } : {}),
      apiType: textOf(about, 'apiType') ?? 'unknown',
      apiVersion: textOf(about, 'apiVersion') ?? 'unknown',
      ...(textOf(about, 'instanceUuid') ? { instanceUuid: textOf(about, 'instanceUuid')! } : {}),
    };
    return this.content;
  }

  /** Logs in; the password goes into the request body only and is never kept or logged. */
  async login(user: string, password: string): Promise<void> {
    const sc = this.content ?? (await this.connect());
    await invoke(
      this.http,
      'Login',
      seq(el('_this', sc.sessionManager), el('userName', user), el('password', password)),
    );
  }

  async logout(): Promise<void> {
    if (!this.content) return;
    try {
      await invoke(this.http, 'Logout', el('_this', this.content.sessionManager));
    } finally {
      this.http.clearCookies();
    }
  }

  close(): void {
    this.http.close();
  }

  async createContainerView(container: MoRef, types: ReadonlyArray<string>, recursive = true): Promise<MoRef> {
    const ret = await invoke(
      this.http,
      'CreateContainerView',
      seq(
        el('_this', this.serviceContent.viewManager),
        el('container', container),
        each('type', types),
        el('recursive', recursive),
      ),
    );
    const view = moRefOf(ret);
    if (!view) throw new VsphereApiError('endpoint', 'CreateContainerView returned no view');
    return view;
  }

  async destroyView(view: MoRef): Promise<void> {
    await invoke(this.http, 'DestroyView', el('_this', view));
  }

  /**
   * Every object of `type` under the view with the given properties, in pages of `pageSize`:
   * ceil(n / pageSize) round-trips for n objects.
   */
  async retrieveFromView(
    view: MoRef,
    type: string,
    paths: ReadonlyArray<string>,
    pageSize = DEFAULT_PAGE_SIZE,
  ): Promise<ObjectContent[]> {
    const objectSet = seq(
      el('obj', view),
      el('skip', true),
      el(
        'selectSet',
        seq(el('name', 'view'), el('type', 'ContainerView'), el('path', 'view'), el('skip', false)),
        'TraversalSpec',
      ),
    );
    return this.retrievePaged(
      seq(el('propSet', seq(el('type', type), each('pathSet', paths))), el('objectSet', objectSet)),
      pageSize,
    );
  }

  /** The given properties of the given objects (all of one type), paged like retrieveFromView. */
  async retrieveObjects(
    objects: ReadonlyArray<MoRef>,
    type: string,
    paths: ReadonlyArray<string>,
    pageSize = DEFAULT_PAGE_SIZE,
  ): Promise<ObjectContent[]> {
    if (objects.length === 0) return [];
    const objectSets = objects.map((o) => el('objectSet', seq(el('obj', o), el('skip', false))));
    return this.retrievePaged(
      seq(el('propSet', seq(el('type', type), each('pathSet', paths))), ...objectSets),
      pageSize,
    );
  }

  private async retrievePaged(specSet: XmlFragment, pageSize: number): Promise<ObjectContent[]> {
    const pc = this.serviceContent.propertyCollector;
    const out: ObjectContent[] = [];
    let ret = await invoke(
      this.http,
      'RetrievePropertiesEx',
      seq(el('_this', pc), el('specSet', specSet), el('options', el('maxObjects', pageSize))),
    );
    for (;;) {
      for (const objects of children(ret, 'objects')) out.push(parseObjectContent(objects));
      const token = textOf(ret, 'token');
      if (!token) return out;
      ret = await invoke(this.http, 'ContinueRetrievePropertiesEx', seq(el('_this', pc), el('token', token)));
    }
  }

  /** Waits for a task to finish (polling its info), returning `info.result`; a failed task throws its fault. */
  async waitForTask(task: MoRef, timeoutMs = this.http.timeoutMs, pollMs = 100): Promise<XmlElement | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [content] = await this.retrieveObjects([task], 'Task', ['info.state', 'info.error', 'info.result']);
      const state = content?.props.get('info.state')?.text.trim();
      if (state === 'success') return content?.props.get('info.result');
      if (state === 'error') {
        const fault = child(content?.props.get('info.error'), 'fault');
        throw faultError(fault?.xsiType, `task ${task.value}`);
      }
      if (Date.now() > deadline) {
        throw new VsphereApiError(
          'timeout',
          `task ${task.value} did not finish within ${Math.round(timeoutMs / 1000)} s`,
          'DRIFTWARDEN_TIMEOUT',
        );
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** HostDatastoreBrowser.SearchDatastoreSubFolders_Task for `*.vmdk` files, with their sizes. */
  async searchDatastoreSubFolders(
    browser: MoRef,
    datastorePath: string,
    patterns: ReadonlyArray<string> = ['*.vmdk'],
  ): Promise<DatastoreFile[]> {
    const spec = seq(
      el(
        'query',
        el('details', seq(el('diskType', true), el('capacityKb', true), el('hardwareVersion', false))),
        'VmDiskFileQuery',
      ),
      el('details', seq(el('fileType', true), el('fileSize', true), el('modification', true), el('fileOwner', false))),
      each('matchPattern', patterns),
    );
    const task = moRefOf(
      await invoke(
        this.http,
        'SearchDatastoreSubFolders_Task',
        seq(el('_this', browser), el('datastorePath', datastorePath), el('searchSpec', spec)),
      ),
    );
    if (!task) throw new VsphereApiError('endpoint', 'SearchDatastoreSubFolders_Task returned no task');
    const result = await this.waitForTask(task);
    const files: DatastoreFile[] = [];
    for (const folder of children(result, 'HostDatastoreBrowserSearchResults')) {
      const folderPath = textOf(folder, 'folderPath') ?? '';
      for (const file of children(folder, 'file')) {
        const path = textOf(file, 'path') ?? '';
        // vim25 leaves fileSize and capacityKb out when they are zero or unknown (the simulator's files are empty).
        const size = Number(textOf(file, 'fileSize') ?? 'NaN');
        const capacityKb = Number(textOf(file, 'capacityKb') ?? 'NaN');
        files.push({
          path: joinDatastorePath(folderPath, path),
          ...(Number.isFinite(size) ? { sizeBytes: size } : {}),
          ...(Number.isFinite(capacityKb) ? { capacityKb } : {}),
          ...(textOf(file, 'modification') ? { modified: textOf(file, 'modification')! } : {}),
        });
      }
    }
    return files;
  }

  /** ReconfigVM_Task with the given VirtualMachineConfigSpec fields; waits for the task. */
  async reconfigureVm(
    vm: MoRef,
    spec: { numCPUs?: number; numCoresPerSocket?: number; memoryMB?: number },
  ): Promise<void> {
    const body = seq(
      el('numCPUs', spec.numCPUs),
      el('numCoresPerSocket', spec.numCoresPerSocket),
      el('memoryMB', spec.memoryMB),
    );
    await this.runTask('ReconfigVM_Task', seq(el('_this', vm), el('spec', body)));
  }

  async removeSnapshot(snapshot: MoRef, removeChildren = false, consolidate = true): Promise<void> {
    await this.runTask(
      'RemoveSnapshot_Task',
      seq(el('_this', snapshot), el('removeChildren', removeChildren), el('consolidate', consolidate)),
    );
  }

  async powerOffVm(vm: MoRef): Promise<void> {
    await this.runTask('PowerOffVM_Task', el('_this', vm));
  }

  async powerOnVm(vm: MoRef): Promise<void> {
    await this.runTask('PowerOnVM_Task', el('_this', vm));
  }

  /** SearchIndex.FindByUuid for a VM by its BIOS uuid (the provider's id); undefined when none has it. */
  async findVmByUuid(uuid: string): Promise<MoRef | undefined> {
    const searchIndex = this.serviceContent.searchIndex;
    if (!searchIndex) throw new VsphereApiError('unsupported', 'this endpoint has no search index');
    const ret = await invoke(
      this.http,
      'FindByUuid',
      seq(el('_this', searchIndex), el('uuid', uuid), el('vmSearch', true), el('instanceUuid', false)),
    );
    return moRefOf(ret);
  }

  /** Invokes a `*_Task` method and waits for it; returns the task's result. */
  async runTask(operation: string, body: XmlFragment): Promise<XmlElement | undefined> {
    const task = moRefOf(await invoke(this.http, operation, body));
    if (!task) throw new VsphereApiError('endpoint', `${operation} returned no task`);
    return this.waitForTask(task);
  }

  /** Any other vim25 method (test support creates inventory with it). */
  async call(operation: string, body: XmlFragment): Promise<XmlElement | undefined> {
    return invoke(this.http, operation, body);
  }
}

export interface DatastoreFile {
  /** `[datastore] folder/name.vmdk` */
  readonly path: string;
  /** Bytes the file takes on the datastore (fileSize), when reported. */
  readonly sizeBytes?: number;
  /** The disk's provisioned capacity (VmDiskFileInfo.capacityKb), when reported. */
  readonly capacityKb?: number;
  readonly modified?: string;
}

/** `[ds] a/` + `b.vmdk` = `[ds] a/b.vmdk`; `[ds]` + `b.vmdk` = `[ds] b.vmdk`. */
export function joinDatastorePath(folder: string, file: string): string {
  if (folder.endsWith(']')) return `${folder} ${file}`;
  return folder.endsWith('/') ? `${folder}${file}` : `${folder}/${file}`;
}

export function parseObjectContent(objects: XmlElement): ObjectContent {
  const obj = moRefOf(child(objects, 'obj'));
  if (!obj) throw new VsphereApiError('endpoint', 'a property-collector result has no object reference');
  const props = new Map<string, XmlElement>();
  for (const prop of children(objects, 'propSet')) {
    const name = textOf(prop, 'name');
    const val = child(prop, 'val');
    if (name !== undefined && val !== undefined) props.set(name, val);
  }
  const missing = children(objects, 'missingSet').map((m) => {
    const fault = child(child(m, 'fault'), 'fault');
    return { path: textOf(m, 'path') ?? '', fault: fault?.xsiType ?? fault?.name ?? 'unknown' };
  });
  return { obj, props, missing };
}
