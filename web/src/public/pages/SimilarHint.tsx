import { useEffect, useState } from 'react';
import { Button } from 'antd-mobile';
import type { ClueCategory } from '@xs/core/schemas/clues.ts';
import { errorMessage, publicApi } from '../api.ts';
import { formatDate } from '../format.ts';
import type { SimilarClue } from '../types.ts';

interface Props {
  countyId: number;
  content: string;
  townshipId: number | null;
  category: ClueCategory | null;
  villageId: number | null;
  place: string;
}

// The server looks from 6 characters on; a short report (「德亭中学宿舍没热水」, 9) deserves the hint too.
const MIN_CHARS = 6;
const DEBOUNCE_MS = 700;

/** Support tokens this browser already used, so the page shows the voice as counted. */
const supportedKey = 'xs.h5.supported';
function supportedTokens(): Set<string> {
  try {
    return new Set(JSON.parse(window.sessionStorage.getItem(supportedKey) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}
function markSupported(token: string): void {
  try {
    const s = supportedTokens();
    s.add(token);
    window.sessionStorage.setItem(supportedKey, JSON.stringify([...s]));
  } catch {
    // ignore
  }
}

/**
 * “已有群众反映”: while the citizen writes, open clues about the same problem in the same township,
 * so they can add their voice (我也遇到了) instead of filing the same thing again.
 */
export function SimilarHint({ countyId, content, townshipId, category, villageId, place }: Props) {
  const [items, setItems] = useState<SimilarClue[]>([]);
  const [supported, setSupported] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const text = content.trim();
  const where = place.trim();
  const ready = text.length >= MIN_CHARS && townshipId != null;

  useEffect(() => {
    if (!ready || townshipId == null) {
      setItems([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      const query = {
        content: text, townshipId,
        ...(category ? { category } : {}),
        ...(villageId ? { villageId } : {}),
        ...(where ? { place: where } : {}),
      };
      publicApi.similar(countyId, query, ctrl.signal)
        .then((r) => setItems(r.items.slice(0, 3)))
        .catch(() => {
          // A hint only: when it fails the form works as before.
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [countyId, text, townshipId, category, villageId, where, ready]);

  const already = supportedTokens();
  const likely = items.some((s) => s.likely);
  const support = async (token: string) => {
    setBusy(token);
    setFailure(null);
    try {
      const r = await publicApi.support(token);
      markSupported(token);
      setSupported((s) => ({ ...s, [token]: r.supporters }));
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  // The live region stays in the page so that screen readers announce the hint when it appears.
  return (
    <div aria-live="polite">
      {items.length > 0 && (
        <section className="xs-similar" aria-labelledby="xs-similar-title">
          {/* Likely the same problem (the staff threshold), or only the township's open reports nearest to it: said as such. */}
          <h2 id="xs-similar-title" className="xs-similar-title">{likely ? '已有群众反映过类似问题' : '本乡镇还有这些反映，看看是不是同一件事'}</h2>
          <p className="xs-hint">如果是同一件事，点“我也遇到了”就行，不用重复提交，政协会知道有更多人关心它。{likely ? '' : '不是的话，接着填写就好。'}</p>
          <ul className="xs-similar-list">
            {items.map((s) => {
              const count = supported[s.token];
              const done = count != null || already.has(s.token);
              return (
                <li key={s.token} className="xs-similar-item">
                  <p className="xs-similar-summary">{s.summary}</p>
                  <p className="xs-meta">
                    <span>{s.categoryLabel}</span> · <span>{s.stateLabel}</span> · <span>{formatDate(s.createdAt)}</span>
                  </p>
                  {(count ?? s.supporters) > 0 && <p className="xs-meta">另有 {count ?? s.supporters} 人也遇到了</p>}
                  {done ? (
                    <p className="xs-done" role="status">✓ 已记上您的一份{count != null ? `，现在另有 ${count} 人也遇到了` : ''}。您可以不再提交，或继续填写您的情况。</p>
                  ) : (
                    <Button color="primary" fill="outline" className="xs-btn" loading={busy === s.token} loadingText="正在提交"
                      onClick={() => void support(s.token)}>
                      我也遇到了
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
          {failure && <p className="xs-error" role="alert">{failure}</p>}
        </section>
      )}
    </div>
  );
}
