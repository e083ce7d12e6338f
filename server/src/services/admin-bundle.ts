/** The dashboard's JavaScript, bundled in-process from server/admin/ with esbuild: no build step before the first start. */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The dashboard's entry module. */
export const ADMIN_ENTRY = fileURLToPath(new URL('../../admin/main.ts', import.meta.url));

/** A bundled dashboard: the minified module, its hash (for the URL and the ETag), and its source map when asked. */
export interface AdminBundle { js: string; hash: string; map?: string }

/** Bundles the dashboard (minified ES module, lit included); `npm run size` asks for a source map. */
export async function bundleAdmin({ sourcemap = false } = {}): Promise<AdminBundle> {
  const result = await build({
    entryPoints: [ADMIN_ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: 'admin',
    sourcemap: sourcemap ? 'external' : false,
    legalComments: 'none',
    logLevel: 'silent',
    // Given here, so the bundle does not depend on a tsconfig.json beside an installed package.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, target: 'ES2022', verbatimModuleSyntax: true } },
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'))?.text;
  return { js, hash: createHash('sha256').update(js).digest('base64url').slice(0, 16), ...(map ? { map } : {}) };
}

let bundled: Promise<AdminBundle> | null = null;

/** The process's bundle, made once (started with the server, so the first visit does not wait); a failure is retried on the next call. */
export function adminBundle(): Promise<AdminBundle> {
  bundled ??= bundleAdmin().catch((error: unknown) => {
    bundled = null;
    throw error;
  });
  return bundled;
}
