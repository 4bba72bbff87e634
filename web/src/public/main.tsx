import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>直通政协（建设中）</p>);
