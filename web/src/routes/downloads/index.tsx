import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { DownloadsHub } from './hub';
import { KeyRequestsPage } from './key-requests';
import { ProductKeysPage } from './product-keys';

const page = <TPath extends string>(path: TPath, component: () => React.ReactElement) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

/** Downloads and Keys: product keys and key requests; the download catalog comes with its capability. */
export const downloadsRoutes = [
  page('/downloads', DownloadsHub),
  page('/downloads/product-keys', ProductKeysPage),
  page('/downloads/key-requests', KeyRequestsPage),
] as const;
