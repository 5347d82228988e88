import { useEffect, useState } from 'react';
import { Icon } from './Icon';

/** Copies `text` to the clipboard; shows a short confirmation. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), 1200);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = (): void => {
    navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => undefined,
    );
  };
  return (
    <button
      type="button"
      className="icon-button"
      onClick={copy}
      title={`Copy ${label}`}
      aria-label={`Copy ${label}`}
    >
      {copied ? <span className="copied">copied</span> : <Icon name="copy" size={13} />}
    </button>
  );
}
