// Writes docs/configuration.md from the settings table (src/config/settings.ts), the same table
// --help is made from. test/unit/settings-doc.test.ts fails when the page and the table differ.
import { writeFileSync } from 'node:fs';
import { configurationDoc } from '../dist/config/describe-settings.js';

writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDoc());
console.log('wrote docs/configuration.md');
