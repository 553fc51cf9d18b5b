import { defineProblems } from '../../platform/i18n/problems.js';

export const IDENTITY_PROBLEMS = defineProblems({});
