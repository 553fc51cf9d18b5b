import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { ActivationHistoryPage } from './activations';
import { DownloadsHub } from './hub';
import { KeyRequestsPage } from './key-requests';
import { OperatorKeyRequestsPage } from './operator-queue';
import { PrintKeysPage } from './print-keys';
import { ProductKeysPage } from './product-keys';

const page = <TPath extends string>(path: TPath, component: () => React.ReactElement) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

/** Downloads and Keys: product keys and key requests; the download catalog comes with its capability. */
export const downloadsRoutes = [
  page('/downloads', DownloadsHub),
  page('/downloads/product-keys', ProductKeysPage),
  page('/downloads/key-requests', KeyRequestsPage),
  page('/downloads/product-keys/print', PrintKeysPage),
  page('/downloads/product-keys/$keyId', ActivationHistoryPage),
  page('/downloads/operator/key-requests', OperatorKeyRequestsPage),
] as const;
