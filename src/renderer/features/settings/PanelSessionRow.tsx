import { useState } from 'react';
import type { PanelSessionRotation } from '../../../shared/contract/methods-panel';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyButton } from '../../ui/CopyButton';
import { Row } from './fields';

/**
 * Browser mode: the panel link stays valid across restarts (its token is kept in the data dir)
 * until rotated here. This tab carries on with the new token; other tabs and old links stop.
 */
export function PanelSessionRow() {
  const client = useApi();
  const [confirming, setConfirming] = useState(false);
  const [rotation, setRotation] = useState<PanelSessionRotation | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (client.mode !== 'browser') return null;
  const rotate = async (): Promise<void> => {
    setConfirming(false);
    try {
      setRotation(await client.call('panel.rotateToken', {}));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <Row
      pathKeyValue="panel.token"
      label="Access link"
      hint={
        <>
          The token lives in <code>panel-session.json</code> in the data dir (mode 0600) and survives
          restarts. Rotate it when a link may have leaked.
        </>
      }
      issues={[]}
    >
      <div className="set-secret" data-testid="panel-session">
        {error && <span className="tone-text-err">{error}</span>}
        {rotation && (
          <>
            <span className="mono">New link ready</span>
            <CopyButton text={rotation.url} label="new panel link" />
          </>
        )}
        <button type="button" className="button small" onClick={() => setConfirming(true)}>
          Rotate token
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Rotate the panel token?"
          confirmLabel="Rotate"
          tone="danger"
          onConfirm={rotate}
          onCancel={() => setConfirming(false)}
        >
          Old panel links and other open tabs stop working at once; this tab continues with the new token.
        </ConfirmDialog>
      )}
    </Row>
  );
}
