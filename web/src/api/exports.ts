import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { answer, api, type Body, href, type Schemas } from './client';

/** A background export as its owner sees it (issue 15). */
export type ExportJob = Schemas['ExportJob'];
export type ExportState = ExportJob['state'];
export type NewExport = Body<'/api/v1/exports', 'post'>;
export type KeyExportFormat = 'tsv' | 'csv' | 'xlsx';

export const KEY_EXPORT_FORMATS: KeyExportFormat[] = ['tsv', 'csv', 'xlsx'];
export const EXPORTS_PAGE_SIZE = 20;
/** How often the list is read again while a job is queued or running. */
export const EXPORTS_POLL_MS = 1500;

export const myExportsQuery = infiniteQueryOptions({
  queryKey: ['exports', 'list'],
  initialPageParam: null as string | null,
  queryFn: ({ pageParam }) =>
    answer(api.GET('/api/v1/exports', { params: { query: { limit: EXPORTS_PAGE_SIZE, cursor: pageParam ?? undefined } } })),
  getNextPageParam: (last) => last.nextCursor,
});

export const exportQuery = (exportId: string) =>
  queryOptions({
    queryKey: ['exports', exportId],
    queryFn: () => answer(api.GET('/api/v1/exports/{exportId}', { params: { path: { exportId } } })),
  });

export const requestExport = (body: NewExport) => answer(api.POST('/api/v1/exports', { body }));

export const deleteExport = (exportId: string) => answer(api.DELETE('/api/v1/exports/{exportId}', { params: { path: { exportId } } }));

export const exportFileUrl = (exportId: string) => href('/api/v1/exports/{exportId}/file', { path: { exportId } });

export const isUnderWay = (state: ExportState) => state === 'QUEUED' || state === 'RUNNING';
