/**
 * A thin usage bar (0–1). With `thresholds` it turns amber above 75 % and red above 90 %;
 * without, it stays neutral (for ratios where "full" is normal, like V8's used/total heap).
 */
export function MeterBar({
  ratio,
  label,
  thresholds = false,
}: {
  ratio: number;
  label: string;
  thresholds?: boolean;
}) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(ratio) ? ratio : 0));
  const tone = !thresholds ? 'neutral' : clamped > 0.9 ? 'err' : clamped > 0.75 ? 'warn' : 'ok';
  return (
    <div
      className={`meter tone-${tone}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clamped * 100)}
    >
      <div className="meter-fill" style={{ width: `${clamped * 100}%` }} />
    </div>
  );
}
