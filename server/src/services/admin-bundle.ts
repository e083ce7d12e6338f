/** The dashboard's JavaScript, bundled in-process from server/admin/ with esbuild: no build step before the first start. */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The dashboard's entry module. */
export const ADMIN_ENTRY = fileURLToPath(new URL('../../admin/main.ts', import.meta.url));

/** A bundled dashboard: the minified module, its hash (for the URL and the ETag), and when asked, each source's bytes in it. */
export interface AdminBundle { js: string; hash: string; inputs?: Record<string, number> }

/** Bundles the dashboard (minified ES module, lit included); `npm run size` asks for the bytes of each source. */
export async function bundleAdmin({ inputs = false } = {}): Promise<AdminBundle> {
  const result = await build({
    entryPoints: [ADMIN_ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: 'admin',
    metafile: inputs,
    legalComments: 'none',
    logLevel: 'silent',
    // Given here, so the bundle does not depend on a tsconfig.json beside an installed package.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, target: 'ES2022', verbatimModuleSyntax: true } },
  });
  const js = result.outputFiles[0].text;
  const hash = createHash('sha256').update(js).digest('base64url').slice(0, 16);
  if (!result.metafile) return { js, hash };
  const output = Object.values(result.metafile.outputs)[0];
  return { js, hash, inputs: Object.fromEntries(Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput])) };
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
