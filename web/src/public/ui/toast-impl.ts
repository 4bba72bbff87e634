/** Loaded on first use by toast.ts: antd-mobile's Toast and what it needs (Mask, animation). */
import { Toast } from 'antd-mobile';

export function showToast(content: string, icon?: 'success' | 'fail'): void {
  Toast.show({ content, icon, duration: 1800 });
}
