/** One task in 我的任务: the detail with sign / submit, and the progress form with evidence. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import TaskDetailPage from './task-detail.page.tsx';
import type { TaskDetail } from '@xs/core/schemas/tasks.ts';

function ProgressForm({ task, onDone }: { task: TaskDetail; onDone: (t: TaskDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string; value?: number }>();
  const [files, setFiles] = useState<UploadFile<{ fileId: number }>[]>([]);
  const send = useMutation({
    mutationFn: (v: { note: string; value?: number }) => api.post<TaskDetail>(`/unit/tasks/${task.id}/progress`, {
      ...v, version: task.version, fileIds: files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.fileId] : [])),
    }),
    onSuccess: (t) => {
      message.success('进展已报送');
      form.resetFields();
      setFiles([]);
      onDone(t);
    },
    onError: (err) => (isApiError(err) && err.status === 409 ? message.error(err.message) : applyServerErrors(form, err, message)),
  });
  const progress = task.actions.find((a) => a.name === 'progress');
  if (!progress) return null;
  if (!progress.available) return <Card title="报送进展">{progress.reason}</Card>;
  return (
    <Card title="报送进展">
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="note" label="进展说明" rules={[{ required: true, message: '请填写进展说明' }]}><Input.TextArea rows={3} maxLength={1000} showCount /></Form.Item>
        {task.measure && (
          <Form.Item name="value" label={`${task.measure.label}当前完成值${task.measure.unit ? `（${task.measure.unit}）` : ''}`}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item label="佐证材料">
          <Upload<{ fileId: number }> accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" multiple maxCount={10} fileList={files}
            customRequest={({ file, onSuccess, onError }) => {
              const body = new FormData();
              body.append('file', file as Blob);
              api.upload<{ fileId: number }>(`/unit/tasks/${task.id}/files`, body).then((r) => onSuccess?.(r)).catch((err: unknown) => {
                message.error(isApiError(err) ? err.message : '上传失败');
                onError?.(new Error('上传失败'));
              });
            }}
            onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<UploadOutlined aria-hidden />}>上传材料</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending} disabled={files.some((f) => f.status === 'uploading')}>报送</Button>
      </Form>
    </Card>
  );
}

export default function UnitTaskDetailPage() {
  return (
    <TaskDetailPage apiBase="/unit/tasks" linkBase="/unit/tasks" fileBase={null}>
      {(task, refresh) => <ProgressForm task={task} onDone={refresh} />}
    </TaskDetailPage>
  );
}
