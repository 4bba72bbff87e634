import { useState } from 'react';
import { Button } from 'antd-mobile';
import { formatDateTime } from '../format.ts';
import { h5, navigate } from '../router.tsx';
import { saveCode } from '../saved.ts';
import type { SubmitResult } from '../types.ts';
import { copyText } from '../ui/copy.ts';
import { Notice } from '../ui/Notice.tsx';
import { toast } from '../ui/toast.ts';

interface Props {
  countyId: number;
  result: SubmitResult & { hadPhone: boolean };
}

/** The tracking code and the one-time password, big and clear, with copy buttons. */
export function Success({ countyId, result }: Props) {
  const [copied, setCopied] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const copy = async (what: string, text: string) => {
    const ok = await copyText(text);
    const msg = ok ? `${what}已复制` : '没有复制成功，请手动抄下来';
    setCopied(msg);
    toast(msg, ok ? 'success' : 'fail');
  };

  return (
    <div className="xs-success">
      <Notice tone="success" title="您反映的问题已收到">
        <p>提交时间：{formatDateTime(result.createdAt)}。工作人员会尽快受理，请记好下面的查询码和查询密码。</p>
      </Notice>

      <dl className="xs-code-card">
        <div className="xs-code-row">
          <dt>查询码</dt>
          <dd>
            <span className="xs-code" data-testid="clue-code">{result.code}</span>
            <Button fill="outline" color="primary" className="xs-btn xs-copy" onClick={() => void copy('查询码', result.code)}>
              复制<span className="xs-visually-hidden">查询码</span>
            </Button>
          </dd>
        </div>
        <div className="xs-code-row">
          <dt>查询密码</dt>
          <dd>
            <span className="xs-code" data-testid="clue-secret">{result.secret}</span>
            <Button fill="outline" color="primary" className="xs-btn xs-copy" onClick={() => void copy('查询密码', result.secret)}>
              复制<span className="xs-visually-hidden">查询密码</span>
            </Button>
          </dd>
        </div>
      </dl>
      {copied && <p className="xs-done" role="status">✓ {copied}</p>}

      <ul className="xs-points">
        <li><strong>查询密码只显示这一次</strong>，请截图或抄在纸上。</li>
        <li>{result.hadPhone
          ? '您留了手机号，以后也可以用手机号的后 4 位代替查询密码。'
          : '如果留了手机号，也可以用手机号的后 4 位代替查询密码。'}</li>
      </ul>

      <Button block fill="outline" color="primary" className="xs-btn" disabled={saved}
        onClick={() => { setSaved(saveCode(result.code, result.secret)); }}>
        {saved ? '✓ 已保存在这部手机上' : '保存在这部手机上，下次直接查'}
      </Button>
      {saved && <p className="xs-hint" role="status">在“查询进度”里就能看到。换手机或清理浏览器后需要重新输入。</p>}

      <Button block color="primary" size="large" className="xs-btn"
        onClick={() => navigate(h5('/track', countyId), { code: result.code, secret: result.secret })}>
        查看办理进度
      </Button>
      <div className="xs-row">
        <Button block className="xs-btn" onClick={() => navigate(h5('/report', countyId))}>再反映一个</Button>
        <Button block className="xs-btn" onClick={() => navigate(h5('', countyId))}>返回首页</Button>
      </div>
    </div>
  );
}
