#!/usr/bin/env node
// Launcher of the bundled titra command; V8's on-disk compile cache (Node >= 22.1) speeds up later starts.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/titra.mjs');
