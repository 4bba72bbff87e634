import { useEffect } from 'react';
import { Button } from 'antd-mobile';
import { useCounties } from '../county.ts';
import { useElderMode } from '../elder.ts';
import { h5, Link } from '../router.tsx';
import { lastCounty, rememberCounty } from '../saved.ts';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';

export function CountyPicker() {
  const { items, error, retry } = useCounties();
  const last = lastCounty();
  const sorted = items ? [...items].sort((a, b) => Number(b.id === last) - Number(a.id === last)) : null;
  return (
    <Layout countyId={null} title="请选择您所在的县（区）" back={false}>
      <p className="xs-lead">选好后，您反映的问题会直接送到当地政协。</p>
      {error && (
        <>
          <Notice tone="error" title="没有加载出来">{error}</Notice>
          <Button block color="primary" className="xs-btn" onClick={retry}>重新加载</Button>
        </>
      )}
      {!sorted && !error && <p className="xs-loading" role="status">正在加载…</p>}
      {sorted && (
        <ul className="xs-county-list">
          {sorted.map((c) => (
            <li key={c.id}>
              <Link className="xs-county" to={h5('', c.id)} onClick={() => rememberCounty(c.id)}>
                <span>{c.name}</span>
                {c.id === last && <span className="xs-tag">上次选的</span>}
                <span aria-hidden="true" className="xs-arrow">›</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function Home({ countyId }: { countyId: number }) {
  const elder = useElderMode();
  const { items } = useCounties();
  const county = items?.find((c) => c.id === countyId) ?? null;
  useEffect(() => rememberCounty(countyId), [countyId]);
  return (
    <Layout countyId={countyId} countyName={county?.name} title={county ? `${county.name} · 有事找政协` : '有事找政协'} back={false}>
      {!elder && <p className="xs-lead">身边有什么问题、有什么好建议，都可以在这里告诉政协。每件事都有人受理、有回音。</p>}
      <nav aria-label="主要功能">
        <ul className="xs-entries">
          <li>
            <Link className="xs-entry is-primary" to={h5('/report', countyId)}>
              <span className="xs-entry-icon" aria-hidden="true">写</span>
              <span className="xs-entry-text">
                <span className="xs-entry-title">我要反映</span>
                <span className="xs-entry-desc">反映问题、提出建议，可以拍照</span>
              </span>
            </Link>
          </li>
          <li>
            <Link className="xs-entry" to={h5('/track', countyId)}>
              <span className="xs-entry-icon" aria-hidden="true">查</span>
              <span className="xs-entry-text">
                <span className="xs-entry-title">查询进度</span>
                <span className="xs-entry-desc">用查询码查看办到哪一步，评价结果</span>
              </span>
            </Link>
          </li>
          <li>
            <Link className="xs-entry" to={h5('/board', countyId)}>
              <span className="xs-entry-icon" aria-hidden="true">看</span>
              <span className="xs-entry-text">
                <span className="xs-entry-title">办理公开</span>
                <span className="xs-entry-desc">看看大家反映的问题是怎么解决的</span>
              </span>
            </Link>
          </li>
          <li>
            <Link className="xs-entry" to={h5('/meetings', countyId)}>
              <span className="xs-entry-icon" aria-hidden="true">议</span>
              <span className="xs-entry-text">
                <span className="xs-entry-title">协商活动</span>
                <span className="xs-entry-desc">报名当群众代表，当面说说您的想法</span>
              </span>
            </Link>
          </li>
          <li>
            <Link className="xs-entry" to={h5('/outcomes', countyId)}>
              <span className="xs-entry-icon" aria-hidden="true">果</span>
              <span className="xs-entry-text">
                <span className="xs-entry-title">协商成果</span>
                <span className="xs-entry-desc">看看政协协商办成了哪些事</span>
              </span>
            </Link>
          </li>
        </ul>
      </nav>
      {!elder && (
        <section className="xs-card" aria-labelledby="xs-how">
          <h2 id="xs-how" className="xs-h2">怎么用</h2>
          <ol className="xs-steps-list">
            <li>写下问题，选好乡镇，可以拍照。</li>
            <li>提交后记好查询码和查询密码。</li>
            <li>查看办理进度和答复，给结果打分。</li>
          </ol>
        </section>
      )}
      <p className="xs-center"><Link to="/h5">切换县（区）</Link></p>
    </Layout>
  );
}
