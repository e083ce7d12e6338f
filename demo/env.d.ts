/// <reference types="vite/client" />
/** Vite's client types give the demo `?raw` imports and import.meta.env. */
export {};

declare global {
  /** True when `npm run demo` serves the page with the reference server behind `/api/chat` and `/api/admin`. */
  const __DEMO_SERVER__: boolean;
}
