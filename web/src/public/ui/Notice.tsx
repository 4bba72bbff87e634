import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

const ICON: Record<Tone, string> = { info: 'ℹ', success: '✓', warning: '!', error: '✕' };
const WORD: Record<Tone, string> = { info: '提示', success: '成功', warning: '注意', error: '出错了' };

/**
 * An inline message (never a pop-up): an icon and a word say what kind it is, not only the colour.
 * Errors are announced at once (role="alert"), the rest politely.
 */
export function Notice({ tone = 'info', title, children }: { tone?: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`xs-notice is-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="xs-notice-icon" aria-hidden="true">{ICON[tone]}</span>
      <div className="xs-notice-body">
        <p className="xs-notice-title">
          <span className="xs-visually-hidden">{WORD[tone]}：</span>
          {title ?? WORD[tone]}
        </p>
        {children && <div className="xs-notice-text">{children}</div>}
      </div>
    </div>
  );
}
