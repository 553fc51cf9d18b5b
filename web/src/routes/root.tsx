import { Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { MAIN_CONTENT_ID, SkipLink } from '../components/SkipLink';

/** Every page: the skip link first, then the page; focus moves to the main landmark after navigation. */
export function RootLayout() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById(MAIN_CONTENT_ID)?.focus();
  }, [pathname]);
  return (
    <>
      <SkipLink />
      <Outlet />
    </>
  );
}
