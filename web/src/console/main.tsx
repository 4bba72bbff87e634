import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>协商（建设中）</p>);
