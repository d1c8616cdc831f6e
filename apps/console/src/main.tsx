import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/index.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadConsoleConfig } from './console-config';
import { LanguageProvider } from './i18n/i18n';

const root = createRoot(document.getElementById('root') as HTMLElement);

loadConsoleConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <LanguageProvider>
          <App config={config} />
        </LanguageProvider>
      </StrictMode>,
    ),
  (error: unknown) => {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = error instanceof Error ? error.message : String(error);
    document.getElementById('root')?.append(message);
  },
);
