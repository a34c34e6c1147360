import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { SessionProvider } from './auth/session';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api/query-client';
import { FormValidation } from './shared/form-validation';
import './i18n/i18n';
// Japanese glyphs from our own server for terminals without a Japanese system font (split by unicode-range: a page
// downloads only the pieces it shows).
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles/global.css';
import { registerServiceWorker } from './shell/service-worker-client';

// The installed app (PWA): the shell offline, notifications through the worker, a new build offered as 「更新」.
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <App />
        <FormValidation />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
