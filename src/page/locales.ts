/**
 * The locales a page registers. They live in stage 1, so `registerLocale` works at once (before the
 * view is loaded) and the view, from whichever chunk, reads the same tables.
 */
import type { ChatStrings, InputErrorKey } from '../ui/strings.js';

/** What `registerLocale` takes: any strings, and any of the input errors. */
export type LocaleStrings = Partial<Omit<ChatStrings, 'inputErrors'>> & { inputErrors?: Partial<Record<InputErrorKey, string>> };

/** Registered tables only: English itself is the base every lookup starts from. */
export const localeTables = new Map<string, LocaleStrings>();

/** Adds or extends a locale; missing keys (and missing input errors) fall back to English. */
export function registerLocale(code: string, strings: LocaleStrings): void {
  const key = code.toLowerCase();
  const known = localeTables.get(key);
  localeTables.set(key, { ...known, ...strings, inputErrors: { ...known?.inputErrors, ...strings.inputErrors } });
}
