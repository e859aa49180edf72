// Rewrites the README's AWS and vSphere support tables from the catalogues (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE } from '../dist/src/observers/aws/catalogue/index.js';
import { renderSupportTable, replaceSupportTable } from '../dist/src/observers/aws/support-table.js';
import { VSPHERE_CATALOGUE } from '../dist/src/observers/vsphere/catalogue/index.js';
import { renderVsphereSupportTable, replaceVsphereSupportTable } from '../dist/src/observers/vsphere/support-table.js';

let text = readFileSync('README.md', 'utf8');
text = replaceSupportTable(text, renderSupportTable(CATALOGUE));
text = replaceVsphereSupportTable(text, renderVsphereSupportTable(VSPHERE_CATALOGUE));
writeFileSync('README.md', text);
console.log(`support tables: ${CATALOGUE.length} AWS types, ${VSPHERE_CATALOGUE.length} vSphere types`);
