/** The script-tag chunks' file names (in `chunks/`) by entry, and the chunks they share. */
export interface ScriptTagChunks { stage: string; adapters: string; validate: string; targeting: string; rest: string; shared: string[] }

/** Builds the script-tag loader (`dynamic-chat.js`) and its `chunks/` into `outDir`; `{ sourcemap: true }` adds source maps. */
export function scriptTagBuild(outDir: string, options?: { sourcemap?: boolean }): Promise<ScriptTagChunks>;
