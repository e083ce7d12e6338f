/** Builds the script-tag file (`dynamic-chat.js`) into `outDir`; `{ sourcemap: true }` adds its source map. */
export function scriptTagBuild(outDir: string, options?: { sourcemap?: boolean }): Promise<void>;
