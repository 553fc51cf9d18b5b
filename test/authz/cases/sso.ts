import type { RouteCase } from './types.js';

export const SSO_CASES: Record<string, RouteCase> = {};
