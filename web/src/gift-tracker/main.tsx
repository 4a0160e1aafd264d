import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/styles.css';
import './gift-tracker.css';
import { setBase } from '../shared/router';
import { App } from './App';

setBase('/gift-tracker/');
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
