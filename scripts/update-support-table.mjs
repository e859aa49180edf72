// Rewrites the README's AWS support table from the catalogue (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE } from '../dist/src/observers/aws/catalogue/index.js';
import { renderSupportTable, replaceSupportTable } from '../dist/src/observers/aws/support-table.js';

const text = readFileSync('README.md', 'utf8');
writeFileSync('README.md', replaceSupportTable(text, renderSupportTable(CATALOGUE)));
console.log(`support table: ${CATALOGUE.length} types`);
