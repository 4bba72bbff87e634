import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, isApiError, type Query } from '../../shared/api.ts';

/** 导出 Excel: downloads `path` (a list's `/export`) with the list's current filters. */
export function ExportButton({ path, query, label = '导出 Excel', fileName }: { path: string; query?: Query; label?: string; fileName?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await api.download(path, query, fileName);
    } catch (err) {
      message.error(isApiError(err) ? err.message : '下载失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }
  return <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()}>{label}</Button>;
}
