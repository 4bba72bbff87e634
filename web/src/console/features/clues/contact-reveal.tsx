/**
 * The citizen's contact, masked (138****1234). Staff who must call back can see the full number; each
 * look is written to the audit log, and the page says so before they click.
 */
import { useState } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { EyeOutlined, PhoneOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../../shared/api.ts';
import { useCan } from '../../session.tsx';
import type { ClueContact, ClueDetail } from '@xs/core/schemas/clues.ts';

export function ContactReveal({ clue }: { clue: ClueDetail }) {
  const can = useCan();
  const { message } = App.useApp();
  const [full, setFull] = useState<ClueContact | null>(null);
  const [busy, setBusy] = useState(false);

  if (!clue.contactName && !clue.contactPhoneMasked) return <Typography.Text type="secondary">未留联系方式（匿名）</Typography.Text>;

  async function reveal() {
    setBusy(true);
    try {
      setFull(await api.get<ClueContact>(`/clues/${clue.id}/contact`));
    } catch (err) {
      message.error(isApiError(err) ? err.message : '获取联系方式失败');
    } finally {
      setBusy(false);
    }
  }

  const phone = full?.contactPhone ?? clue.contactPhoneMasked;
  return (
    <Flex gap={8} wrap align="center">
      <span>{full?.contactName ?? clue.contactName ?? '未留姓名'}</span>
      {phone && (
        <span>
          <PhoneOutlined aria-hidden />{' '}
          {full?.contactPhone ? <a href={`tel:${full.contactPhone}`}>{full.contactPhone}</a> : phone}
        </span>
      )}
      {clue.contactPhoneMasked && !full && can('clue.triage') && (
        <>
          <Button size="small" icon={<EyeOutlined aria-hidden />} loading={busy} onClick={() => void reveal()}
            aria-describedby={`contact-audit-${clue.id}`}>
            查看完整号码
          </Button>
          <Typography.Text id={`contact-audit-${clue.id}`} type="secondary" style={{ fontSize: 12 }}>查看将记入审计日志</Typography.Text>
        </>
      )}
      {full && <Typography.Text type="secondary" style={{ fontSize: 12 }}>已记入审计日志，请仅用于回访群众</Typography.Text>}
    </Flex>
  );
}
