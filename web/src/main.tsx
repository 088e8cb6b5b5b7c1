/** Entry of the Onsite web console. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.ts';
import './contrast.css';
import { App } from './App.tsx';
import { registerFieldWorker } from './offline/register.ts';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
registerFieldWorker();
