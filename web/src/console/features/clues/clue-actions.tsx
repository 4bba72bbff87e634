/**
 * The staff's actions on a clue: exactly the transitions the server lists as possible now, each with
 * the small form of what it needs.
 */
import { useState } from 'react';
import { Button, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import {
  CheckOutlined, CloseOutlined, InboxOutlined, MergeCellsOutlined, QuestionCircleOutlined, RedoOutlined,
  RetweetOutlined, SendOutlined, ClockCircleOutlined, CheckCircleOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { ClueTransition } from '@xs/core/schemas/clues.ts';
import { CONVERSION_KIND_OPTIONS, transitionLabel } from './labels.tsx';
import { MergePicker } from './merge-picker.tsx';
import { ReasonField, TransitionModal, reasonBody, type TransitionSpec } from './transition-modal.tsx';
import type { ClueDetail } from './types.ts';
import { UnitPicker } from './unit-picker.tsx';

/** The order buttons appear in: the usual next step first. */
const ORDER: ClueTransition[] = ['accept', 'forward', 'resolve', 'convert', 'merge', 'request_info', 'grant_extension', 'rehandle', 'close', 'decline'];

const ICONS: Partial<Record<ClueTransition, ReactNode>> = {
  accept: <CheckOutlined aria-hidden />,
  forward: <SendOutlined aria-hidden />,
  resolve: <CheckCircleOutlined aria-hidden />,
  convert: <RetweetOutlined aria-hidden />,
  merge: <MergeCellsOutlined aria-hidden />,
  request_info: <QuestionCircleOutlined aria-hidden />,
  grant_extension: <ClockCircleOutlined aria-hidden />,
  rehandle: <RedoOutlined aria-hidden />,
  close: <InboxOutlined aria-hidden />,
  decline: <CloseOutlined aria-hidden />,
};

const PRIMARY: ClueTransition[] = ['accept', 'forward', 'resolve'];

/** The last 申请延期 by the unit, to prefill and explain 同意延期. */
function lastExtensionRequest(clue: ClueDetail): { days: number | null; reason: string | null } | null {
  const e = [...clue.timeline].reverse().find((t) => t.transition === 'request_extension');
  if (!e) return null;
  const days = typeof e.data?.days === 'number' ? e.data.days : null;
  return { days, reason: e.note };
}

function specFor(name: ClueTransition, clue: ClueDetail): TransitionSpec {
  switch (name) {
    case 'accept':
      return { description: '采纳受理后线索进入「已采纳」，请在期限内转办承办单位或转化为政协工作事项。群众查询时可看到已采纳。' };
    case 'decline':
      return {
        description: '不予采纳后线索结束；理由会通过短信和查询页面告知群众，请用平实、礼貌的语言。',
        fields: <ReasonField label="不予采纳理由（会告知群众）" placeholder="例如：该问题属于司法诉讼事项，建议通过法律途径解决" />,
        toBody: reasonBody,
        danger: true,
      };
    case 'request_info':
      return {
        description: '群众补充后线索回到「待受理」。请写明需要补充什么（会告知群众）。',
        fields: <ReasonField label="需要群众补充的内容" placeholder="例如：请说明具体路段或附近的标志性建筑" />,
        toBody: reasonBody,
      };
    case 'merge':
      return {
        description: '合并后本线索结束，附议人数并入目标线索，办理结果一并告知本线索的群众。',
        fields: (
          <Form.Item name="targetId" label="合并到" rules={[{ required: true, message: '请选择要合并到的线索' }]}>
            <MergePicker clueId={clue.id} />
          </Form.Item>
        ),
        toBody: (v) => ({ targetId: Number(v.targetId) }),
        width: 720,
      };
    case 'forward':
      return {
        description: '转办后承办单位在期限内答复；单位会收到站内通知和短信。',
        fields: (
          <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
            <UnitPicker clueId={clue.id} />
          </Form.Item>
        ),
        toBody: (v) => ({ unitId: Number(v.unitId) }),
        width: 640,
      };
    case 'convert':
      return {
        description: '转化后本线索结束，进入「转化队列」，由相应模块接手办理。',
        fields: (
          <>
            <Form.Item name="kind" label="转化为" rules={[{ required: true, message: '请选择转化为哪类工作' }]}>
              <Radio.Group options={CONVERSION_KIND_OPTIONS} optionType="button" buttonStyle="solid" />
            </Form.Item>
            <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 100, message: '标题不超过 100 字' }]}>
              <Input maxLength={100} showCount />
            </Form.Item>
          </>
        ),
        initialValues: { title: `关于${clue.townshipName}${clue.categoryLabel}问题的${clue.kind === 'suggestion' ? '建议' : '反映'}` },
        toBody: (v) => ({ kind: v.kind as 'topic' | 'proposal_lead' | 'opinion', title: String(v.title).trim() }),
      };
    case 'grant_extension': {
      const req = lastExtensionRequest(clue);
      return {
        description: (
          <>
            同意后期限按工作日顺延。
            {req && <><br />单位申请：{req.days ? `延期 ${req.days} 个工作日` : ''}{req.reason ? `，理由：${req.reason}` : ''}</>}
          </>
        ),
        fields: (
          <Form.Item name="days" label="延期工作日数" rules={[{ required: true, message: '请填写延期天数' }]}>
            <InputNumber min={1} max={60} precision={0} suffix="个工作日" style={{ width: 200 }} autoFocus />
          </Form.Item>
        ),
        initialValues: { days: req?.days ?? 5 },
        toBody: (v) => ({ days: Number(v.days) }),
      };
    }
    case 'rehandle':
      return {
        description: '答复不够到位时退回承办单位重新办理，期限重新计算。理由会发给承办单位。',
        fields: <ReasonField label="要求重新办理的理由" placeholder="例如：答复未说明整改时间，请补充具体措施和完成时限" />,
        toBody: reasonBody,
      };
    case 'resolve':
      return { description: '确认承办单位的答复已解决问题。办结后群众可以评价办理结果；之后可审核公开到「反馈公开」栏。' };
    case 'close':
      return { description: '归档后线索结束，群众将不能再评价。一般在群众评价后或评价期满后归档。' };
    default:
      return {};
  }
}

export function ClueActions({ clue, onDone, onStale }: {
  clue: ClueDetail;
  onDone: (detail: ClueDetail) => void;
  onStale: () => void;
}) {
  const [open, setOpen] = useState<ClueTransition | null>(null);
  const names = ORDER.filter((n) => clue.transitions.includes(n));
  if (!names.length) {
    return <Typography.Text type="secondary">当前状态没有需要您处理的操作。</Typography.Text>;
  }
  return (
    <>
      <Flex gap={8} wrap role="group" aria-label="可执行的操作">
        {names.map((n) => (
          <Button key={n} type={PRIMARY.includes(n) ? 'primary' : 'default'} danger={n === 'decline'} icon={ICONS[n]} onClick={() => setOpen(n)}>
            {transitionLabel(n)}
          </Button>
        ))}
      </Flex>
      <TransitionModal
        clue={clue}
        name={open}
        spec={open ? specFor(open, clue) : null}
        apiBase="/clues"
        onClose={() => setOpen(null)}
        onDone={(d) => onDone(d)}
        onStale={onStale}
      />
    </>
  );
}
