/** Entry of the standalone page (`index.html`). `?sample=1` opens the bundled sample, `?run=1` runs 审核. */
import { createRoot } from 'react-dom/client';
import { WebApp } from './WebApp';

const params = new URLSearchParams(window.location.search);
const flag = (k: string) => params.has(k) && params.get(k) !== '0';
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(<WebApp openSample={flag('sample')} autoRun={flag('run')} initialPanel={params.get('panel') ?? undefined} />);
}
