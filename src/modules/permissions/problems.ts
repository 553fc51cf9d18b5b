import { defineProblems } from '../../platform/i18n/problems.js';

export const PERMISSIONS_PROBLEMS = defineProblems({});
