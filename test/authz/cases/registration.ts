import type { RouteCase } from './types.js';

export const REGISTRATION_CASES: Record<string, RouteCase> = {};
