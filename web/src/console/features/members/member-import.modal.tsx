/**
 * 导入委员: download the template, fill it, upload it. The server takes every row or none, and lists
 * every problem by row number; they are shown here as a list to fix in the file.
 */
import { useState } from 'react';
import { Alert, App, Button, Modal, Steps, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FieldError } from '@xs/core/errors.ts';
import { api, isApiError } from '../../../shared/api.ts';

export function MemberImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<{ message: string; fields: FieldError[] } | null>(null);
  const [downloading, setDownloading] = useState(false);

  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.append('file', f);
      return api.upload<{ imported: number }>('/members/import', form);
    },
    onSuccess: ({ imported }) => {
      message.success(`已导入 ${imported} 名委员`);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      close();
    },
    onError: (err) => {
      if (isApiError(err) && err.status !== 401) setProblems({ message: err.message, fields: err.fields });
      else message.error('导入失败，请稍后再试');
    },
  });

  function close() {
    setFile(null);
    setProblems(null);
    onClose();
  }

  async function downloadTemplate() {
    setDownloading(true);
    try {
      await api.download('/members/import/template', undefined, '委员导入模板.xlsx');
    } catch (err) {
      message.error(isApiError(err) ? err.message : '下载失败');
    } finally {
      setDownloading(false);
    }
  }

  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, status: 'done' }] : [];

  return (
    <Modal
      open={open}
      title="从 Excel 导入委员"
      width={640}
      onCancel={close}
      okText="开始导入"
      okButtonProps={{ disabled: !file }}
      confirmLoading={upload.isPending}
      onOk={() => file && upload.mutate(file)}
      destroyOnHidden
    >
      <Steps
        orientation="vertical"
        size="small"
        current={file ? 2 : 0}
        items={[
          {
            title: '下载导入模板',
            content: (
              <>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  界别、履职小组（乡镇）、专委会须填写系统中已有的名称，多个专委会用顿号「、」分隔。
                </Typography.Paragraph>
                <Button icon={<DownloadOutlined aria-hidden />} loading={downloading} onClick={() => void downloadTemplate()}>下载模板</Button>
              </>
            ),
          },
          {
            title: '选择填好的文件',
            content: (
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                fileList={fileList}
                beforeUpload={(f) => {
                  setFile(f);
                  setProblems(null);
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  setProblems(null);
                }}
                style={{ marginTop: 8 }}
              >
                <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
                <p className="ant-upload-text">点击或把文件拖到这里（.xlsx，不超过 5 MB）</p>
              </Upload.Dragger>
            ),
          },
          { title: '导入', content: '任何一行有误时整份文件都不导入，并逐行列出问题；改正后重新上传即可。' },
        ]}
      />
      {problems && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 16 }}
          title={problems.message}
          description={problems.fields.length > 0 && (
            <ul aria-label="逐行问题" style={{ maxHeight: 240, overflow: 'auto', margin: '8px 0 0', paddingLeft: 20, lineHeight: 1.8 }}>
              {problems.fields.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one response, never reordered; two rows can share path and message
                <li key={i}><Typography.Text strong>{f.path}</Typography.Text>：{f.message}</li>
              ))}
            </ul>
          )}
        />
      )}
    </Modal>
  );
}
