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
import { lineNumberOf, scanBody } from '../actions/codify/hcl-scan.js';
import { MAX_TERRAFORM_FILE_BYTES } from '../sources/files.js';
import type { SarifLocations, SourceLine } from '../report/scan/sarif.js';

/** The nearest directory at or above `start` holding `.git`; `start` itself when there is none. */
export function repositoryRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

/** `aws_instance.web` -> its `resource "aws_instance" "web"` line, for every .tf file of `codeDir`. */
export function resourceDeclarations(codeDir: string): Map<string, SourceLine> {
  const declarations = new Map<string, SourceLine>();
  let names: string[];
  try {
    names = readdirSync(codeDir).filter((name) => name.endsWith('.tf'));
  } catch {
    return declarations;
  }
  for (const name of names.sort()) {
    const file = join(codeDir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // a FIFO or directory was refused when the scan read the code
    }
    if (text.length > MAX_TERRAFORM_FILE_BYTES) continue;
    for (const item of scanBody(text)) {
      if (item.kind !== 'block' || item.keyword !== 'resource' || item.labels.length !== 2) continue;
      const address = `${item.labels[0]}.${item.labels[1]}`;
      if (!declarations.has(address)) declarations.set(address, { file, line: lineNumberOf(text, item.lineStart) });
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

export function sarifLocations(options: {
  readonly cwd: string;
  readonly codeDir?: string;
  readonly configFile?: string;
  readonly states: ReadonlyArray<string>;
}): SarifLocations {
  return {
    repoRoot: repositoryRoot(options.cwd),
    ...(options.codeDir !== undefined ? { declarations: resourceDeclarations(options.codeDir) } : {}),
    ...(options.configFile !== undefined ? { config: configLines(options.configFile, options.states) } : {}),
  };
}
