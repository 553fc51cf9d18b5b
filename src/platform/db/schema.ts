/** The whole schema, for the typed Drizzle client. Each module still owns its tables. */
export * from '../../modules/identity/tables.js';
export * from '../../modules/permissions/tables.js';
export * from '../../modules/relationship/tables.js';
export * from '../tables.js';
