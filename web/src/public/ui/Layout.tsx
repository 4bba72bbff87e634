import { useEffect, useRef, type ReactNode } from 'react';
import { useCountyName } from '../county.ts';
import { setElderMode, useElderMode } from '../elder.ts';
import { h5, Link } from '../router.tsx';
import { Toggle } from './Toggle.tsx';

let firstPage = true;

interface Props {
  countyId: number | null;
  countyName?: string | null;
  /** The page's heading (also the document title). */
  title: string;
  /** Show “返回首页” above the heading. */
  back?: boolean;
  children: ReactNode;
}

/**
 * The frame of every page: the header with the 长辈模式 switch, a way home, the page heading. After
 * an in-page navigation the heading takes focus, so screen readers announce the new page.
 */
export function Layout({ countyId, countyName, title, back = true, children }: Props) {
  const elder = useElderMode();
  const county = useCountyName(countyId, countyName);
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - 直通政协`;
  }, [title]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else h1.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <a className="xs-skip" href="#main">跳到正文</a>
      <header className="xs-header">
        <Link className="xs-brand" to={h5('', countyId)}>
          <span className="xs-brand-name">直通政协</span>
          <span className="xs-brand-county">{county ?? ''}</span>
        </Link>
        <Toggle className="xs-elder-toggle" label="长辈模式" hint={elder ? '大字已开启' : '字大、好点'} checked={elder} onChange={setElderMode} />
      </header>
      <main id="main" className="xs-main">
        {back && (
          <nav aria-label="页面导航" className="xs-back">
            <Link to={h5('', countyId)}>‹ 返回首页</Link>
          </nav>
        )}
        <h1 ref={h1} tabIndex={-1} className="xs-title">{title}</h1>
        {children}
      </main>
      <footer className="xs-footer">
        <p>您反映的内容由{county ?? '县（区）政协'}办公室受理，只用于办理您反映的事项。</p>
      </footer>
    </>
  );
}
