/**
 * A clue's actions as buttons, from the detail's `actions`: each the server lists for the caller, open or closed.
 * A closed one stays on the page, disabled, and says why (on hover and in text below), as the workflow's gate put it.
 */
import type { ReactNode } from 'react';
import { Button, Flex, List, Tooltip, Typography } from 'antd';
import type { ActionOption } from '@xs/core/workflow.ts';

export function ActionButtons<N extends string>({ actions, order, icons, primary = [], danger = [], labelOf, onOpen, empty }: {
  actions: readonly ActionOption[];
  /** The order buttons appear in; an action not named here is not offered as a button (it has a form of its own). */
  order: readonly N[];
  icons: Partial<Record<N, ReactNode>>;
  primary?: readonly N[];
  danger?: readonly N[];
  labelOf?: (a: ActionOption) => string;
  onOpen: (name: N) => void;
  empty: ReactNode;
}) {
  const shown = order.flatMap((n) => actions.filter((a) => a.name === n));
  if (!shown.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  const closed = shown.filter((a) => !a.available);
  return (
    <>
      <Flex gap={8} wrap role="group" aria-label="可执行的操作">
        {shown.map((a) => {
          const name = a.name as N;
          const b = (
            <Button key={a.name} type={primary.includes(name) ? 'primary' : 'default'} danger={danger.includes(name)} icon={icons[name]}
              disabled={!a.available} onClick={() => onOpen(name)} aria-describedby={a.available ? undefined : `why-${a.name}`}>
              {labelOf?.(a) ?? a.label}
            </Button>
          );
          // The tooltip wraps the button itself: antd listens on its own wrapper around a disabled button.
          return a.available ? b : <Tooltip key={a.name} title={a.reason}>{b}</Tooltip>;
        })}
      </Flex>
      {closed.length > 0 && (
        <List size="small" style={{ marginTop: 8 }} dataSource={closed}
          renderItem={(a) => <List.Item id={`why-${a.name}`}><Typography.Text type="secondary">「{labelOf?.(a) ?? a.label}」暂不可用：{a.reason}</Typography.Text></List.Item>} />
      )}
    </>
  );
}
