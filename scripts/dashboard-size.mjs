// The dashboard's part of `npm run size`: bundles server/admin/ exactly as the server does when it
// starts (esbuild, minified, lit included) and prints its gzip size, then each source's minified
// bytes and its share of the gzip size (in proportion to those bytes: an estimate).
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(2)} KiB`;

/** `server/admin/leads.ts`, or the package name for a dependency. */
function sourceName(path) {
  const modules = path.lastIndexOf('node_modules/');
  if (modules < 0) return path.slice(path.indexOf('server/admin/'));
  const parts = path.slice(modules + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Prints the dashboard's size; returns its gzip bytes. */
export async function reportDashboardSize() {
  const { bundleAdmin } = await tsImport('../server/src/services/admin-bundle.ts', import.meta.url);
  const { js, inputs } = await bundleAdmin({ inputs: true });
  const total = gzip(js);
  // esbuild gives each source's byte count in the output, not its text, so the share is proportional.
  const bytes = new Map();
  for (const [path, n] of Object.entries(inputs)) bytes.set(sourceName(path), (bytes.get(sourceName(path)) ?? 0) + n);
  const rawTotal = [...bytes.values()].reduce((a, b) => a + b, 0);
  console.log(`\ndashboard (/admin/app.js): ${js.length} bytes minified, ${total} bytes gzip (${kib(total)})`);
  for (const [name, n] of [...bytes].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name.padEnd(32)} ${String(n).padStart(7)} ${kib((n / rawTotal) * total).padStart(10)}`);
  }
  return total;
}
