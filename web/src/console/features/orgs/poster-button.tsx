/**
 * 码上议海报: the QR poster of a venue or a member (server/src/modules/orgs/posters.ts) — an A4 PDF to print, the
 * poster as a picture, or the bare QR code — from a button on the row, not an API address.
 */
import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../../shared/api.ts';

export function PosterButton({ path, id, name }: { path: '/orgs/venues' | '/members'; id: number; name: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const items = [
    { key: 'poster.pdf', label: '下载 A4 海报（PDF，可打印）' },
    { key: 'poster.png', label: '下载海报图片（PNG）' },
    { key: 'qr.png', label: '下载二维码图片' },
  ];
  const run = async (file: string) => {
    setBusy(true);
    try {
      const suffix = file === 'qr.png' ? '二维码.png' : `码上议海报.${file.slice(-3)}`;
      await api.download(`${path}/${id}/${file}`, undefined, `${name}-${suffix}`);
    } catch (err) {
      message.error(isApiError(err) ? err.message : '下载失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => void run(key) }}>
      <Button size="small" icon={<QrcodeOutlined aria-hidden />} loading={busy} aria-label={`${name}的码上议海报`}>海报</Button>
    </Dropdown>
  );
}
