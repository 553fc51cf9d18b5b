import type { RouteCase } from './types.js';

export const PERMISSIONS_CASES: Record<string, RouteCase> = {};
