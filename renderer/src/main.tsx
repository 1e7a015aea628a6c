import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createStudioClient } from './api/client';
import { StudioProvider } from './api/StudioProvider';
import './i18n';
import './styles.css';

const client = createStudioClient();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StudioProvider client={client}>
        <App />
      </StudioProvider>
    </StrictMode>,
  );
}
