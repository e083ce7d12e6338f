/** The files `writeFrameworkTypes` writes, by name, generated from a custom-elements manifest. */
export function frameworkTypes(manifest: unknown): Record<string, string>;
/** Reads the manifest and writes every framework declaration file into `outDir`; returns their paths. */
export function writeFrameworkTypes(manifestPath: string, outDir: string): string[];
/** Every custom element the manifest declares, with the props a template may set and its events. */
export function elementsOf(manifest: unknown): Array<{
  tagName: string;
  className: string;
  summary?: string;
  props: Map<string, { type: string; description?: string }>;
  events: Array<{ name: string; type: string; description?: string }>;
}>;
