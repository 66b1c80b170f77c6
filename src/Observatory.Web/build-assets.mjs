// Copies GOV.UK Frontend's compiled assets from node_modules into wwwroot/govuk.
// The Observatory is not a GOV.UK service, so the GDS Transport typeface (licensed for GOV.UK only) is
// stripped from the stylesheet and text falls back to Arial, as the Design System advises for other services.
// For the same reason the footer's royal crest is dropped: GOV.UK Frontend draws it from /assets/images, which the
// Observatory does not serve, so every page would ask for a file that is not there (a 404 in every browser console).
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
css = css
  .replace(/@supports \(\(-webkit-mask-position:initial\) or \(mask-position:initial\)\)\{\.govuk-footer__copyright-logo:before\{[^}]*\}\}/g, '')
  .replace(/\.govuk-footer__copyright-logo:before\{[^}]*\}/g, '')
  .replace(/@media screen and \(forced-colors:active\)\{\}/g, '');
if (/url\(\/assets\//.test(css)) {
  throw new Error('build-assets.mjs: the stylesheet still points at /assets/, which the Observatory does not serve; GOV.UK Frontend changed its stylesheet.');
}
if (css.includes('GDS Transport')) {
  throw new Error('build-assets.mjs: GDS Transport is still referenced; GOV.UK Frontend changed its stylesheet.');
}
writeFileSync(join(target, 'govuk-frontend.min.css'), css);
copyFileSync(join(source, 'govuk-frontend.min.js'), join(target, 'govuk-frontend.min.js'));
const { version } = JSON.parse(readFileSync(join(source, '..', '..', 'package.json'), 'utf8'));
writeFileSync(join(target, 'VERSION'), version + '\n');
console.log(`GOV.UK Frontend ${version} copied to wwwroot/govuk`);
