import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { createQueryClient } from './api/queries.ts';
import { LocaleProvider } from './i18n/locale-provider.tsx';
import type { LocaleCode } from './i18n/locales.ts';
import type { Messages } from './i18n/messages.ts';
import { createAppRouter } from './router.ts';

export function App(props: { initialLocale: LocaleCode; initialMessages: Messages }) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter(queryClient));
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider initialLocale={props.initialLocale} initialMessages={props.initialMessages}>
        <RouterProvider router={router} />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
