/**
 * Proof that the portal's API types are the server's: each line below compiles only while the
 * server's OpenAPI document (web/src/api/schema.d.ts, checked by `npm run check`) says so. A field
 * or path the server does not have fails `tsc -p web`, where a hand-written copy would not.
 */
import { api } from './client';
import type { KeyView } from './keys';

export const sentField = (key: KeyView): string => key.licensingIdNumber;

// @ts-expect-error: the server names it licensingIdNumber
export const renamedField = (key: KeyView) => key.licensingIdNo;

// @ts-expect-error: the server has no such route
export const missingRoute = () => api.GET('/api/v1/product-key');

// @ts-expect-error: a Licensing ID's keys need its id in the path
export const missingParameter = () => api.GET('/api/v1/licensing-ids/{licensingId}/keys');
