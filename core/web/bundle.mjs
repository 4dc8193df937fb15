// Bundles one front-end entry (the shell, or a plugin's tab) into a single
// minified ES module with esbuild: node core/web/bundle.mjs ENTRY OUT_FILE.
// Run by CMake (tabhost_bundle_ui in cmake/Dashboard.cmake). Lit and
// the UI kit are bundled into each output: the shell shares no runtime with
// the plugins' tabs, so a tab keeps working whatever the shell upgrades.
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: node core/web/bundle.mjs ENTRY OUT_FILE');
  process.exit(2);
}

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  target: 'chrome120',
  minify: true,
  // Licence notices of what is bundled (Lit's BSD-3) stay, at the end.
  legalComments: 'eof',
  logLevel: 'warning',
});
