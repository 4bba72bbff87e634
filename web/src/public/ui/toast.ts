/**
 * A short confirmation toast in normal mode. In 长辈模式 there are no pop-ups: callers always show the
 * same message inline as well, so nothing is lost. antd-mobile's Toast (with its Mask and the
 * animation library under it, ~35 KB) is loaded on first use, not with the report page.
 */
import { isElderMode } from '../elder.ts';

export function toast(content: string, icon?: 'success' | 'fail'): void {
  if (isElderMode()) return;
  import('./toast-impl.ts')
    .then(({ showToast }) => showToast(content, icon))
    .catch(() => {
      // The inline message already says it.
    });
}
