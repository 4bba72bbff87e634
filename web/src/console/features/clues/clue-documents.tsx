/** 打印与文书: print the page, or download a clue's Word documents (交办单, 催办函, 答复函) when they apply. */
import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../../shared/api.ts';

interface Props {
  clue: { id: number; code: string; state: string; unitId: number | null; replyText?: string | null };
}

export function ClueDocuments({ clue }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const items = [
    { key: 'assignment', label: '交办单（转办函）', disabled: !clue.unitId },
    { key: 'urge', label: '催办函', disabled: clue.state !== 'forwarded' },
    { key: 'reply', label: '答复函', disabled: !clue.replyText },
  ];
  const download = async (kind: string) => {
    setBusy(true);
    try {
      await api.download(`/clues/${clue.id}/documents/${kind}`, undefined, `${clue.code}.docx`);
    } catch (err) {
      message.error(isApiError(err) ? err.message : '生成失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => void download(key) }}>
        <Button icon={<FileWordOutlined aria-hidden />} loading={busy}>文书</Button>
      </Dropdown>
      <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>打印</Button>
    </>
  );
}
