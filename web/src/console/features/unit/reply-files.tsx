/**
 * Reply attachments: each file is uploaded as soon as it is chosen (POST /unit/clues/:id/files, field
 * `file`), and the form field holds the ids the reply then refers to.
 */
import { useState } from 'react';
import { App, Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../../shared/api.ts';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.wps,.xls,.xlsx';
const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;

/** The field's value: the uploaded files' ids, or `'uploading'` while one is still on its way. */
export type ReplyFilesValue = number[] | 'uploading';

export function ReplyFiles({ clueId, onChange, id }: { clueId: number; value?: ReplyFilesValue; onChange?: (v: ReplyFilesValue) => void; id?: string }) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<{ fileId: number }>[]>([]);

  const publish = (list: UploadFile<{ fileId: number }>[]) => {
    setFiles(list);
    if (list.some((f) => f.status === 'uploading')) onChange?.('uploading');
    else onChange?.(list.flatMap((f) => (f.status === 'done' && f.response ? [f.response.fileId] : [])));
  };

  return (
    <Upload<{ fileId: number }>
      id={id}
      accept={ACCEPT}
      multiple
      fileList={files}
      maxCount={MAX_FILES}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          message.error(`「${file.name}」超过 10 MB，请压缩后再上传`);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        const form = new FormData();
        form.append('file', file as Blob);
        api.upload<{ fileId: number; name: string }>(`/unit/clues/${clueId}/files`, form)
          .then((r) => onSuccess?.(r))
          .catch((err: unknown) => {
            const msg = isApiError(err) ? err.message : '上传失败';
            message.error(msg);
            onError?.(new Error(msg));
          });
      }}
      onChange={({ fileList }) => publish(fileList.map((f) => (f.status === 'error' ? { ...f, response: undefined } : f)))}
    >
      <Button icon={<UploadOutlined aria-hidden />}>上传附件</Button>
    </Upload>
  );
}
