import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';

/** An image a command sent to the console, fetched once over the contract (`images.get`). */
export function ConsoleImage({ file }: { file: string }) {
  const api = useApi();
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.call('images.get', { file }).then(
      (img) => live && setSrc(`data:${img.contentType};base64,${img.base64}`),
      (err: unknown) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [api, file]);
  if (error)
    return (
      <div className="cimage-error">
        Image {file} could not be loaded: {error}
      </div>
    );
  if (!src) return <div className="cimage-loading dim">Loading {file}…</div>;
  return <img className="cimage" src={src} alt={file} title={file} />;
}
