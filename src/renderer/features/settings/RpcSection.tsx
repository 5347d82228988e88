import { useEffect, useState } from 'react';
import type { RpcTokenInfo } from '../../../shared/dto/rpc';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyButton } from '../../ui/CopyButton';
import { NumberField, Row, Toggle } from './fields';
import { Section } from './SettingsSection';

/** The token from `<data-dir>/rpc-token`: shown on request, copied, rotated. */
function TokenRow() {
  const client = useApi();
  const [info, setInfo] = useState<RpcTokenInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    let live = true;
    client.call('rpc.token', {}).then(
      (next) => live && setInfo(next),
      (err: unknown) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [client]);
  const rotate = async (): Promise<void> => {
    setInfo(await client.call('rpc.rotateToken', {}));
    setConfirming(false);
    setShown(true);
  };
  const token = info?.token ?? null;
  return (
    <Row
      pathKeyValue="rpc.token"
      label="Token"
      hint={
        <>
          Clients send it as <code>token</code>. Stored in <code>{info?.file ?? 'rpc-token'}</code> (mode
          0600).
        </>
      }
      issues={[]}
    >
      <div className="set-secret" data-testid="rpc-token">
        {error ? (
          <span className="tone-text-err">{error}</span>
        ) : token === null ? (
          <span className="set-hint">Generated when the server first starts with authentication.</span>
        ) : (
          <>
            <span className="mono">{shown ? token : '•'.repeat(16)}</span>
            <button type="button" className="button small" onClick={() => setShown(!shown)}>
              {shown ? 'Hide' : 'Show'}
            </button>
            <CopyButton text={token} label="RPC token" />
          </>
        )}
        <button type="button" className="button small" onClick={() => setConfirming(true)}>
          Rotate
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Rotate the RPC token?"
          confirmLabel="Rotate"
          tone="danger"
          onConfirm={rotate}
          onCancel={() => setConfirming(false)}
        >
          Programs using the current token are refused from now on until they use the new one.
        </ConfirmDialog>
      )}
    </Row>
  );
}

/** Settings › RPC server: enable, port, authentication, limits, and the token. */
export function RpcSection() {
  return (
    <Section
      id="rpc"
      title="RPC server"
      description="A zeromq server on 127.0.0.1 for outside programs (dashboards, scripts). Changes apply when saved."
    >
      <Toggle path={['rpc', 'enabled']} label="Enabled" hint="Also --rpc on the command line." />
      <NumberField
        path={['rpc', 'port']}
        label="Port"
        hint="TCP port on 127.0.0.1 (default 6133; also --rpc-port). Only the loopback address is ever bound."
      />
      <Toggle
        path={['rpc', 'auth']}
        label="Require the token"
        hint="Off (--rpc-no-auth) lets any program on this computer call the bot."
      />
      <TokenRow />
      <NumberField
        path={['rpc', 'invokeRank']}
        label="Invoke rank"
        hint="Rank core.invoke runs command lines at (1 = owner)."
      />
      <NumberField path={['rpc', 'maxRequestBytes']} label="Request size limit" unit="bytes" />
      <NumberField path={['rpc', 'handlerTimeoutMs']} label="Handler timeout" unit="ms" />
      <NumberField
        path={['rpc', 'rateLimit', 'burst']}
        label="Rate limit burst"
        hint="Requests one connection may send at once."
      />
      <NumberField path={['rpc', 'rateLimit', 'perSecond']} label="Rate limit refill" unit="/ s" />
    </Section>
  );
}
