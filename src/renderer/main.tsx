import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createPanelClient } from './api/create-client';
import { App } from './app/App';
import './styles/base.css';
import './styles/shell.css';
import './styles/controls.css';
import './styles/responsive.css';
import './styles/light.css';
import { startTheme } from './ui/theme';

startTheme();
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App client={createPanelClient()} />
  </StrictMode>,
);
