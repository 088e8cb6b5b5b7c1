/**
 * Entry of the Onsite web page: starts the field app on the engineer's addresses and the console
 * everywhere else, each loaded on its own so the phone does not fetch the console's frame.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.ts';
import './contrast.css';
import { watchSelectRequired } from './a11y.ts';
import { registerFieldWorker } from './offline/register.ts';
import { isFieldPath } from './shells.ts';

watchSelectRequired();
const root = document.getElementById('root');
if (root) {
  const shell = isFieldPath(window.location.pathname) ? import('./field/FieldApp.tsx') : import('./App.tsx');
  void shell.then(({ default: Shell }) => {
    createRoot(root).render(
      <StrictMode>
        <Shell />
      </StrictMode>,
    );
  });
}
registerFieldWorker();
