// Copies GOV.UK Frontend's compiled assets from node_modules into wwwroot/govuk.
// The Observatory is not a GOV.UK service, so the GDS Transport typeface (licensed for GOV.UK only) is
// stripped from the stylesheet and text falls back to Arial, as the Design System advises for other services.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', '..', 'node_modules', 'govuk-frontend', 'dist', 'govuk');
const target = join(here, 'wwwroot', 'govuk');
mkdirSync(target, { recursive: true });

let css = readFileSync(join(source, 'govuk-frontend.min.css'), 'utf8');
css = css
  .replace(/@font-face\{font-family:"?GDS Transport"?;[^}]*\}/g, '')
  .replaceAll('font-family:GDS Transport,arial,sans-serif', 'font-family:arial,sans-serif')
  .replaceAll('font-family:"GDS Transport",arial,sans-serif', 'font-family:arial,sans-serif');
if (css.includes('GDS Transport')) {
  throw new Error('build-assets.mjs: GDS Transport is still referenced; GOV.UK Frontend changed its stylesheet.');
}
writeFileSync(join(target, 'govuk-frontend.min.css'), css);
copyFileSync(join(source, 'govuk-frontend.min.js'), join(target, 'govuk-frontend.min.js'));
const { version } = JSON.parse(readFileSync(join(source, '..', '..', 'package.json'), 'utf8'));
writeFileSync(join(target, 'VERSION'), version + '\n');
console.log(`GOV.UK Frontend ${version} copied to wwwroot/govuk`);
