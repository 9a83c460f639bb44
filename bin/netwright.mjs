#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx netwright` works right after `npm install`
// with no build step. tsImport scopes the TypeScript loader to this import only.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../cli/main.ts', import.meta.url);
await main();
