/**
 * Renderer entry: connect to the host, then render the app.
 */
import './zod-config';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi } from './ipc/api-client';
import { HOST_GONE_EVENT } from './ipc/ws-bridge';
import { useAppStore } from './store/app-store';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(<App />);
connectApi().then(
  (api) => useAppStore.getState().connected(api),
  (err: unknown) => useAppStore.getState().failed(err instanceof Error ? err.message : String(err)),
);
// The web host stopped (Ctrl+C, crash): say what works, since a reload cannot.
window.addEventListener(HOST_GONE_EVENT, (e) => useAppStore.getState().failed(String((e as CustomEvent<string>).detail)));
