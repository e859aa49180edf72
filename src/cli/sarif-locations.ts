/**
 * Where SARIF results point (I/O for report/scan/sarif.ts, which stays pure): the repository root
 * every uri is relative to, the `.tf` line declaring each resource of the root module when --code
 * is given, and the configuration file with the line naming each state, for findings whose record
 * is not a local file (S3 and HTTP states) and for unmanaged resources. A `.tf` file that cannot
 * be read only costs its declarations (the result then points at the state); the scan has already
 * read the code and reported such a file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lineNumberOf } from '../actions/codify/hcl-layout.js';
import { MAX_TERRAFORM_FILE_BYTES } from '../sources/files.js';
import { HclParseError, loadHclPositionParser } from '../sources/terraform/hcl-parser.js';
import type { SarifLocations, SourceLine } from '../report/scan/sarif.js';

/** The nearest directory at or above `start` holding `.git`; `start` itself when there is none. */
export function repositoryRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

/** `aws_instance.web` -> its `resource "aws_instance" "web"` line, for every .tf file of `codeDir`. */
export async function resourceDeclarations(codeDir: string): Promise<Map<string, SourceLine>> {
  const declarations = new Map<string, SourceLine>();
  let names: string[];
  try {
    names = readdirSync(codeDir).filter((name) => name.endsWith('.tf'));
  } catch {
    return declarations;
  }
  const parse = await loadHclPositionParser();
  for (const name of names.sort()) {
    const file = join(codeDir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // a FIFO or directory was refused when the scan read the code
    }
    if (text.length > MAX_TERRAFORM_FILE_BYTES) continue;
    let items;
    try {
      items = (await parse(file, text)).items;
    } catch (err) {
      if (err instanceof HclParseError) continue; // the scan read the same code and reported the error
      throw err;
    }
    for (const item of items) {
      if (item.kind !== 'block' || item.name !== 'resource' || item.labels.length !== 2) continue;
      const address = `${item.labels[0]}.${item.labels[1]}`;
      if (!declarations.has(address)) declarations.set(address, { file, line: item.line });
    }
  }
  return declarations;
}

/** The configuration file and, for each state location it names, the line naming it. */
export function configLines(configFile: string, states: ReadonlyArray<string>): SarifLocations['config'] {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch {
    return { file: configFile, stateLines: new Map() };
  }
  const stateLines = new Map<string, number>();
  for (const state of states) {
    const at = text.indexOf(state);
    if (at >= 0) stateLines.set(state, lineNumberOf(text, at));
  }
  return { file: configFile, stateLines };
}

export async function sarifLocations(options: {
  readonly cwd: string;
  readonly codeDir?: string;
  readonly configFile?: string;
  readonly states: ReadonlyArray<string>;
}): Promise<SarifLocations> {
  return {
    repoRoot: repositoryRoot(options.cwd),
    ...(options.codeDir !== undefined ? { declarations: await resourceDeclarations(options.codeDir) } : {}),
    ...(options.configFile !== undefined ? { config: configLines(options.configFile, options.states) } : {}),
  };
}
