import { defineMails } from '../../platform/mail/templates.js';

export const permissionsMails = defineMails({});
