/// <reference types="vite/client" />
/** Vite's client types give the demo `?raw` imports and import.meta.env. */
export {};
