/** Minifies one piece of CSS text (no interpolations inside). */
export function minifyCss(text: string): string;
/** A vite plugin minifying css`…` literals of the project's sources. */
export function minifyCssLiterals(): { name: string; transform(code: string, id: string): { code: string; map: null } | null };
