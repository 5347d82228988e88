import type { ReactNode } from 'react';

/** One number (or badge) with its label and an optional detail line. */
export function StatCard({
  label,
  children,
  detail,
  testId,
}: {
  label: string;
  children: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="stat-card" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
      {detail !== undefined && <div className="stat-detail">{detail}</div>}
    </div>
  );
}
