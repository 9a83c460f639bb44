/** Renderer entry: one host, one editor store holding the MNIST MLP template, the designer UI. */
import { selectLayoutDirection } from './store/selectors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './canvas.css';
import { createEmptyDocument, DEFAULT_TEMPLATE_ID } from '../engine/model';
import { App } from './App';
import { loadLaidOutTemplate } from './app/templates';
import { RecoveryPrompt } from './components/RecoveryPrompt';
import { createHost } from './host/createHost';
import { HostProvider } from './host/HostContext';
import { EditorProvider } from './store/EditorContext';
import { createEditorStore } from './store/editorStore';

const host = createHost();

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element.');
  // The app opens on the MNIST MLP so that training is one click away.
  const store = createEditorStore(createEmptyDocument());
  const template = await loadLaidOutTemplate(DEFAULT_TEMPLATE_ID, selectLayoutDirection(store.getState()));
  if (template.ok) store.getState().replaceDocument(template.doc);
  createRoot(root).render(
    <StrictMode>
      <HostProvider host={host}>
        <EditorProvider store={store}>
          <App />
          <RecoveryPrompt />
        </EditorProvider>
      </HostProvider>
    </StrictMode>,
  );
}

void start();
