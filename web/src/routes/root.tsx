import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import { SiteFooter } from '../components/layout/site-footer.tsx';
import { SiteHeader } from '../components/layout/site-header.tsx';
import { NotFoundPage } from './not-found.tsx';
import '../components/layout/layout.css';

export interface RouterContext {
  queryClient: QueryClient;
}

export const mainContentId = 'main-content';

function RootLayout() {
  const main = useRef<HTMLElement>(null);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const previous = useRef(pathname);

  // After a client-side navigation, move focus to the new content so keyboard and screen-reader
  // users start at the top of the page they asked for (the first load keeps the browser's default).
  useEffect(() => {
    if (previous.current !== pathname) {
      previous.current = pathname;
      main.current?.focus();
    }
  }, [pathname]);

  return (
    <div className="page">
      <a className="skip-link" href={`#${mainContentId}`}>
        <FormattedMessage id="skip.toMain" />
      </a>
      <SiteHeader />
      <main id={mainContentId} ref={main} tabIndex={-1} className="site-main">
        <div className="container">
          <Outlet />
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});
