import type { ReactNode } from 'react';

/** Title row of a view: name, one line of context, and the view's actions on the right. */
export function ViewHeader({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="view-header">
      <div className="view-title">
        <h1>{title}</h1>
        {subtitle !== undefined && <span className="view-subtitle">{subtitle}</span>}
      </div>
      {children !== undefined && <div className="view-actions">{children}</div>}
    </header>
  );
}
