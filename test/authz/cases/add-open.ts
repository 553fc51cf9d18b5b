import type { RouteCase } from './types.js';

export const ADD_OPEN_CASES: Record<string, RouteCase> = {};
