/**
 * Debian's Chromium (installed by scripts/setup.sh), headless through playwright-core, with the
 * background networking this machine's closed network refuses turned off. The HTML tests open a
 * report written to a temporary file; `after` closes the browser and removes the file.
 */
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeReportFile } from '../../src/report/write-file.js';

export interface HtmlFixture {
  readonly browser: Browser;
  /** file:// URL of the written report. */
  readonly url: string;
}

/** Debian's Chromium, headless, without the background networking this machine refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Registers before/after hooks; the returned object is filled in by `before`. */
export function useReportInBrowser(name: string, html: () => string): HtmlFixture {
  const fixture = {} as { browser: Browser; url: string; directory: string };
  before(async () => {
    fixture.directory = mkdtempSync(join(tmpdir(), `dw-${name}-`));
    const file = join(fixture.directory, 'report.html');
    await writeReportFile(file, html());
    fixture.url = pathToFileURL(file).href;
    fixture.browser = await launchChromium();
  });
  after(async () => {
    await fixture.browser?.close();
    if (fixture.directory) rmSync(fixture.directory, { recursive: true, force: true });
  });
  return fixture;
}
