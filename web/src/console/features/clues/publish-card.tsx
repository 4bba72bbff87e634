/**
 * 反馈公开: staff approve a resolved clue for the public board with a text they have cleaned of names,
 * phone numbers and house numbers (or withdraw it). The page flags obvious personal data before sending.
 */
import { App, Alert, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import { GlobalOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { CluePublishSchema } from '@xs/core/schemas/clues.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { maxLengthOf, zodRule } from '../../../shared/form-rules.ts';
import type { ClueDetail } from '@xs/core/schemas/clues.ts';

const SUMMARY = CluePublishSchema.shape.summary;
const MAX = maxLengthOf(SUMMARY) ?? 500;
const PHONE = /1[3-9]\d{9}|\d{3,4}-?\d{7,8}/;

/** What in the text looks like personal data. */
function personalData(text: string, contactName: string | null): string[] {
  const found: string[] = [];
  if (PHONE.test(text)) found.push('电话号码');
  if (contactName && contactName.length >= 2 && text.includes(contactName)) found.push(`反映人姓名「${contactName}」`);
  if (/\d+\s*(号楼|栋|单元|室|号院)/.test(text)) found.push('门牌号');
  if (/身份证/.test(text)) found.push('身份证信息');
  return found;
}

export function PublishCard({ clue, onDone }: { clue: ClueDetail; onDone: (d: ClueDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ summary: string }>();
  const summary = Form.useWatch('summary', form) ?? '';
  const flagged = personalData(summary, clue.contactName);
  const canPublish = clue.state === 'resolved' || clue.state === 'closed';

  const run = useMutation({
    mutationFn: (publish: boolean) => api.post<ClueDetail>(`/clues/${clue.id}/publish`, { summary: String(form.getFieldValue('summary') ?? '').trim(), publish }),
    onSuccess: (d, publish) => {
      message.success(publish ? '已公开到「反馈公开」栏' : '已撤回公开');
      onDone(d);
    },
    onError: (err) => {
      if (isApiError(err)) applyServerErrors(form, err, message);
      else message.error('操作失败');
    },
  });

  async function submit(publish: boolean) {
    if (publish) {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    run.mutate(publish);
  }

  return (
    <Card
      size="small"
      title={<span><GlobalOutlined aria-hidden /> 反馈公开</span>}
      extra={clue.published ? <Tag color="green">已公开</Tag> : <Tag>未公开</Tag>}
    >
      {!canPublish && !clue.published ? (
        <Typography.Text type="secondary">线索办结后，可在这里审核公开到群众看到的「反馈公开」栏。</Typography.Text>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="公开前请删去反映人姓名、电话、门牌号等个人信息"
            description="公开的文字和承办单位的答复会出现在群众可见的「反馈公开」栏（依照个人信息保护法，不得公开个人信息）。"
          />
          <Form form={form} layout="vertical" initialValues={{ summary: clue.publicSummary ?? clue.content.slice(0, MAX) }}>
            <Form.Item name="summary" label="公开的问题摘要" rules={[zodRule(SUMMARY)]}
              extra={flagged.length ? undefined : '群众看到的问题描述，可以概括改写。'}
              validateStatus={flagged.length ? 'warning' : undefined}
              help={flagged.length ? `请检查：文字中似乎含有${flagged.join('、')}` : undefined}>
              <Input.TextArea rows={5} maxLength={MAX} showCount />
            </Form.Item>
          </Form>
          <Flex gap={8} wrap>
            {canPublish && (
              <Button type="primary" icon={<GlobalOutlined aria-hidden />} loading={run.isPending && run.variables === true} onClick={() => void submit(true)}>
                {clue.published ? '更新公开内容' : '公开到反馈公开栏'}
              </Button>
            )}
            {clue.published && (
              <Button icon={<StopOutlined aria-hidden />} loading={run.isPending && run.variables === false} onClick={() => void submit(false)}>撤回公开</Button>
            )}
          </Flex>
        </>
      )}
    </Card>
  );
}
