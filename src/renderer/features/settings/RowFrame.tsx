import type { ReactNode } from 'react';

/**
 * The shape of a settings row: the name and its explanation on the left, the control on the
 * right. `Row` adds overrides and problems; a few rows with a control of their own use it bare.
 */
export function RowFrame({
  pathKeyValue,
  label,
  hint,
  htmlFor,
  wide = false,
  hasIssues = false,
  children,
}: {
  pathKeyValue: string;
  label: string;
  hint?: ReactNode;
  htmlFor?: string;
  wide?: boolean;
  hasIssues?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={`set-row${hasIssues ? ' has-issues' : ''}${wide ? ' wide' : ''}`}
      data-path={pathKeyValue}
    >
      <div className="set-label">
        {htmlFor ? <label htmlFor={htmlFor}>{label}</label> : <span className="set-label-text">{label}</span>}
        {hint && <div className="set-hint">{hint}</div>}
      </div>
      <div className="set-control">{children}</div>
    </div>
  );
}
