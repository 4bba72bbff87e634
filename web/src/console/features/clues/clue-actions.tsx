/**
 * The staff's actions on a clue: the transitions and events the server lists for staff, open or closed with the
 * reason, each with the small form of what it needs (one spec per action).
 */
import { useState } from 'react';
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import {
  CheckOutlined, CloseOutlined, InboxOutlined, MergeCellsOutlined, QuestionCircleOutlined, RedoOutlined,
  RetweetOutlined, SendOutlined, ClockCircleOutlined, CheckCircleOutlined, BellOutlined, StopOutlined, CommentOutlined,
  TagsOutlined, EditOutlined, PhoneOutlined, FastForwardOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ActionButtons } from './action-buttons.tsx';
import { ForwardFields, forwardBody } from './forward-fields.tsx';
import { CATEGORY_OPTIONS, CONVERSION_KIND_OPTIONS, type ClueButton } from './labels.tsx';
import { MergePicker } from './merge-picker.tsx';
import { ReasonField, TransitionModal, reasonBody, type TransitionSpec } from './transition-modal.tsx';
import type { ClueDetail } from '@xs/core/schemas/clues.ts';

/** The order buttons appear in: the usual next step first. */
const ORDER: ClueButton[] = [
  'accept', 'accept_forward', 'forward', 'resolve', 'convert', 'merge', 'request_info', 'grant_extension', 'deny_extension', 'remind', 'waive_views',
  'rehandle', 'close', 'decline', 'recategorize', 'edit_reply', 'followup', 'note',
];

const ICONS: Partial<Record<ClueButton, ReactNode>> = {
  accept: <CheckOutlined aria-hidden />,
  accept_forward: <SendOutlined aria-hidden />,
  waive_views: <FastForwardOutlined aria-hidden />,
  forward: <SendOutlined aria-hidden />,
  resolve: <CheckCircleOutlined aria-hidden />,
  convert: <RetweetOutlined aria-hidden />,
  merge: <MergeCellsOutlined aria-hidden />,
  request_info: <QuestionCircleOutlined aria-hidden />,
  grant_extension: <ClockCircleOutlined aria-hidden />,
  deny_extension: <StopOutlined aria-hidden />,
  remind: <BellOutlined aria-hidden />,
  note: <CommentOutlined aria-hidden />,
  recategorize: <TagsOutlined aria-hidden />,
  edit_reply: <EditOutlined aria-hidden />,
  followup: <PhoneOutlined aria-hidden />,
  rehandle: <RedoOutlined aria-hidden />,
  close: <InboxOutlined aria-hidden />,
  decline: <CloseOutlined aria-hidden />,
};

const PRIMARY: ClueButton[] = ['accept', 'forward', 'resolve'];

/** The last 申请延期 by the unit, to prefill and explain 同意延期. */
function lastExtensionRequest(clue: ClueDetail): { days: number | null; reason: string | null } | null {
  const e = [...clue.timeline].reverse().find((t) => t.transition === 'request_extension');
  if (!e) return null;
  const days = typeof e.data?.days === 'number' ? e.data.days : null;
  return { days, reason: e.note };
}

/** What each action asks for and says before it is done. */
const SPECS: Partial<Record<ClueButton, (clue: ClueDetail) => TransitionSpec>> = {
  accept: () => ({ description: '采纳受理后线索进入「已采纳」，请在期限内转办承办单位或转化为政协工作事项。群众查询时可看到已采纳。' }),
  decline: () => ({
    description: '不予采纳后线索结束；理由会通过短信和查询页面告知群众，请用平实、礼貌的语言。',
    fields: <ReasonField label="不予采纳理由（会告知群众）" placeholder="例如：该问题属于司法诉讼事项，建议通过法律途径解决" />,
    toBody: reasonBody,
    danger: true,
  }),
  request_info: () => ({
    description: '群众补充后线索回到「待受理」。请写明需要补充什么（会告知群众）。',
    fields: <ReasonField label="需要群众补充的内容" placeholder="例如：请说明具体路段或附近的标志性建筑" />,
    toBody: reasonBody,
  }),
  merge: (clue) => ({
    description: '合并后本线索结束，附议人数并入目标线索，办理结果一并告知本线索的群众。',
    fields: (
      <Form.Item name="targetId" label="合并到" rules={[{ required: true, message: '请选择要合并到的线索' }]}>
        <MergePicker clueId={clue.id} />
      </Form.Item>
    ),
    toBody: (v) => ({ targetId: Number(v.targetId) }),
    width: 720,
  }),
  forward: (clue) => ({
    description: '转办后主办单位在期限内答复；单位会收到站内通知和短信。有会办单位时，主办单位待会办意见全部送达后答复。',
    fields: <ForwardFields clueId={clue.id} />,
    initialValues: { urgency: 'normal' },
    toBody: forwardBody,
    width: 680,
  }),
  accept_forward: (clue) => ({
    description: '采纳受理并立即转办，流转记录中记为「采纳受理」和「转办」两步。群众查询时可看到已转交办理。',
    fields: <ForwardFields clueId={clue.id} />,
    initialValues: { urgency: 'normal' },
    toBody: forwardBody,
    path: '/accept-forward',
    okText: '采纳并转办',
    width: 680,
  }),
  waive_views: (clue) => ({
    description: `仍在等待会办意见的单位：${clue.coUnits.filter((k) => k.state === 'asked').map((k) => k.unitName).join('、') || '无'}。不再等待后，主办单位可以直接答复；理由记入流转记录并告知主办单位。`,
    fields: <ReasonField label="不再等待的理由" placeholder="例如：会办单位逾期未提意见，群众反映强烈，请主办单位先行答复" />,
    toBody: reasonBody,
  }),
  convert: (clue) => ({
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
  }),
  grant_extension: (clue) => {
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
  },
  deny_extension: (clue) => {
    const req = lastExtensionRequest(clue);
    return {
      description: <>不同意后承办单位仍按原期限答复，理由会发给承办单位。{req?.reason && <><br />单位申请的理由：{req.reason}</>}</>,
      fields: <ReasonField label="不同意的理由" placeholder="例如：该问题群众反映强烈，请按原期限办结" />,
      toBody: reasonBody,
      danger: true,
    };
  },
  remind: (clue) => ({
    description: `催办内容会通过站内通知发给承办单位${clue.unitName ? `（${clue.unitName}）` : ''}，并记入流转记录（群众看不到）。`,
    fields: (
      <Form.Item name="reason" label="催办内容（可选）">
        <Input.TextArea rows={3} maxLength={500} showCount autoFocus placeholder="例如：群众再次来电反映，请于本周内答复" />
      </Form.Item>
    ),
    toBody: (v) => ({ reason: String(v.reason ?? '').trim() || null }),
  }),
  note: () => ({
    description: '内部备注只在工作人员的流转记录中显示，承办单位和群众都看不到。',
    fields: <ReasonField label="备注内容" placeholder="例如：已电话联系反映人，约定周三现场查看" />,
    toBody: reasonBody,
  }),
  recategorize: (clue) => ({
    description: `当前类别：${clue.categoryLabel}。更正后统计和转办建议按新类别计算，流转记录保留更正前后的类别。`,
    fields: (
      <Form.Item name="category" label="正确的类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={CATEGORY_OPTIONS.filter((o) => o.value !== clue.category)} placeholder="选择类别" />
      </Form.Item>
    ),
    toBody: (v) => ({ category: v.category as ClueDetail['category'] }),
  }),
  edit_reply: (clue) => ({
    description: '修改后群众查询页和反馈公开栏显示新的答复；原答复保留在流转记录中。',
    width: 640,
    fields: (
      <>
        <Form.Item name="replyText" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
          <Input.TextArea rows={8} maxLength={3000} showCount />
        </Form.Item>
        <ReasonField label="修改原因" placeholder="例如：原答复漏写整改措施和完成时间" />
      </>
    ),
    initialValues: { replyText: clue.replyText ?? '' },
    toBody: (v) => ({ replyText: String(v.replyText ?? '').trim(), reason: String(v.reason ?? '').trim() }),
  }),
  followup: () => ({
    description: '记录工作人员对群众的回访（电话、走访），只在工作人员的流转记录中显示。',
    fields: <ReasonField label="回访情况" placeholder="例如：电话回访，群众表示路灯已恢复，对办理结果满意" />,
    toBody: reasonBody,
  }),
  rehandle: () => ({
    description: '答复不够到位时退回承办单位重新办理，期限重新计算。理由会发给承办单位。',
    fields: <ReasonField label="要求重新办理的理由" placeholder="例如：答复未说明整改时间，请补充具体措施和完成时限" />,
    toBody: reasonBody,
  }),
  resolve: () => ({ description: '确认承办单位的答复已解决问题。办结后群众可以评价办理结果；之后可审核公开到「反馈公开」栏。' }),
  close: () => ({ description: '归档后线索结束，群众将不能再评价。一般在群众评价后或评价期满后归档。' }),
};

export function ClueActions({ clue, onDone, onStale }: {
  clue: ClueDetail;
  onDone: (detail: ClueDetail) => void;
  onStale: () => void;
}) {
  const [open, setOpen] = useState<ClueButton | null>(null);
  return (
    <>
      <ActionButtons actions={clue.actions} order={ORDER} icons={ICONS} primary={PRIMARY} danger={['decline']} onOpen={setOpen}
        empty="当前状态没有需要您处理的操作。" />
      <TransitionModal
        clue={clue}
        name={open}
        spec={open ? (SPECS[open]?.(clue) ?? {}) : null}
        apiBase="/clues"
        onClose={() => setOpen(null)}
        onDone={(d) => onDone(d)}
        onStale={onStale}
      />
    </>
  );
}
