/**
 * A short confirmation toast in normal mode. In 长辈模式 there are no pop-ups: callers always show the
 * same message inline as well, so nothing is lost.
 */
import { Toast } from 'antd-mobile';
import { isElderMode } from '../elder.ts';

export function toast(content: string, icon?: 'success' | 'fail'): void {
  if (isElderMode()) return;
  Toast.show({ content, icon, duration: 1800 });
}
