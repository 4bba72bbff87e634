/** The public H5 pages (直通政协): /h5, /h5/report, /h5/track, /h5/board. */
import { createRoot, type Root } from 'react-dom/client';
import { unstableSetRender } from 'antd-mobile';
import './elder.ts';
import './h5.css';
import { App, prefetch } from './app.tsx';

// antd-mobile renders Toast and Dialog with the legacy ReactDOM.render, which React 19 removed: give it
// createRoot instead (https://mobile.ant.design/guide/v5-for-19).
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});

prefetch();
createRoot(document.getElementById('root')!).render(<App />);
