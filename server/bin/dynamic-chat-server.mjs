#!/usr/bin/env node
// Runs the TypeScript sources through tsx, with the server's tsconfig so 'dynamic-chat/engine'
// resolves to the widget's engine in this repository (no build step before the first start).
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
await import('../src/cli.ts');
