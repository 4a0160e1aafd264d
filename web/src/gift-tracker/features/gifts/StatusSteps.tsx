/** The steps of a gift's direction, where it is now, and the moves allowed: forward any number, or one back. */
import { useState } from 'react';
import { asProblem, type ApiProblem } from '../../../shared/errors';
import { ProblemMessage } from '../../../shared/forms';
import { type Gift, type GiftStatus, moves, STATUS_FLOW, STATUS_LABEL } from '../../model';
import { api } from '../../platform';

export function StatusSteps({ gift, onMoved }: { gift: Gift; onMoved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const flow = STATUS_FLOW[gift.direction];
  const at = flow.indexOf(gift.status);
  const { forward, back } = moves(gift.direction, gift.status);

  const move = async (status: GiftStatus) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.call((c) => c.PATCH('/gifts/{giftId}', { params: { path: { giftId: gift.id } }, body: { status, version: gift.version } }));
      onMoved();
    } catch (error) {
      const p = asProblem(error);
      setProblem(p);
      if (p.kind === 'conflict') onMoved(); // it changed meanwhile: show where it is now
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <ol className="steps" aria-label={`Status of ${gift.name}`}>
        {flow.map((step, i) => (
          <li key={step} className={i < at ? 'steps__done' : i === at ? 'steps__current' : undefined} aria-current={i === at ? 'step' : undefined}>
            {STATUS_LABEL[step]}
            {i === at && <span className="visually-hidden"> (current)</span>}
          </li>
        ))}
      </ol>
      <div className="form-actions">
        {forward.map((status) => (
          <button key={status} type="button" className="button" disabled={busy} onClick={() => void move(status)}>
            Mark as {STATUS_LABEL[status].toLowerCase()}
          </button>
        ))}
        {back && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void move(back)}>
            Back to {STATUS_LABEL[back].toLowerCase()}
          </button>
        )}
      </div>
      <ProblemMessage problem={problem} onRetry={() => setProblem(undefined)} />
    </div>
  );
}
