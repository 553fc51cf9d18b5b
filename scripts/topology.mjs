#!/usr/bin/env node
// `npm run topology`: HAProxy + 3 nodes + a PostgreSQL primary and hot standby on loopback
// (scripts/topology/). The start and stop functions are TypeScript, shared with the benchmarks
// and the drain test, so this runs them through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./topology/main.ts');
