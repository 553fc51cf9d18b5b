import { IDENTITY_PROBLEMS } from './modules/identity/problems.js';
import { PERMISSIONS_PROBLEMS } from './modules/permissions/problems.js';
import { PLATFORM_PROBLEMS, type ProblemTitles } from './platform/i18n/problems.js';

/** The title of every problem code in every language, gathered from the modules that raise them. */
export const ALL_PROBLEMS: ProblemTitles = { ...PLATFORM_PROBLEMS, ...IDENTITY_PROBLEMS, ...PERMISSIONS_PROBLEMS };
