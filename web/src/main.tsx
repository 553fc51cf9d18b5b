import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { meQuery } from './api/queries';
import { browserLocale, initI18n } from './i18n';
import { createQueryClient } from './lib/queryClient';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

/**
 * The server's Content-Security-Policy admits `<style>` elements only with the nonce of this page
 * load, which index.html carries in `<meta property="csp-nonce">`; Mantine puts it on the styles it
 * writes. (Vite's dev server sends no policy and no nonce.)
 */
const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
// Mantine's scroll lock (react-remove-scroll, under Modal and Drawer) writes its `<style>` with get-nonce's nonce.
if (styleNonce) setNonce(styleNonce);

async function start(): Promise<void> {
  let router: ReturnType<typeof createAppRouter> | undefined;
  const queryClient = createQueryClient(() => {
    void router?.navigate({ to: '/sign-in', search: { redirect: router.state.location.href } });
  });
  router = createAppRouter(queryClient);

  // The signed-in user's stored language wins; before sign-in the browser's language decides.
  const me = await queryClient.fetchQuery(meQuery).catch(() => null);
  await initI18n(me?.locale ?? browserLocale());

  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} getStyleNonce={styleNonce ? () => styleNonce : undefined}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

void start();
