import { formatCount } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { PAGE_SIZES, pageInfo } from './database-store';

/** First / previous / next / last page, where we are, and the page size. */
export function Pager({
  offset,
  limit,
  total,
  shown,
  onGoTo,
  onLimit,
}: {
  offset: number;
  limit: number;
  total: number;
  /** Rows on the page shown. */
  shown: number;
  onGoTo: (offset: number) => void;
  onLimit: (limit: number) => void;
}) {
  const info = pageInfo(offset, limit, total, shown);
  const atStart = offset <= 0;
  const atEnd = offset + limit >= total;
  return (
    <div className="pager" role="group" aria-label="Pages">
      <label className="field">
        Rows per page
        <select
          aria-label="Rows per page"
          value={limit}
          onChange={(e) => onLimit(Number(e.target.value))}
          className="pager-size"
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <span className="pager-range mono" data-testid="page-range">
        {info.from === 0 ? '0' : `${formatCount(info.from)}–${formatCount(info.to)}`}
        <span className="dim"> of </span>
        {formatCount(total)}
      </span>
      <div className="pager-buttons">
        <button
          type="button"
          className="icon-button pager-button"
          aria-label="First page"
          title="First page"
          disabled={atStart}
          onClick={() => onGoTo(0)}
        >
          <Icon name="first" size={14} />
        </button>
        <button
          type="button"
          className="icon-button pager-button"
          aria-label="Previous page"
          title="Previous page"
          disabled={atStart}
          onClick={() => onGoTo(Math.max(0, offset - limit))}
        >
          <Icon name="left" size={14} />
        </button>
        <span className="pager-page" data-testid="page-number">
          Page <b>{formatCount(info.page)}</b> of {formatCount(info.pages)}
        </span>
        <button
          type="button"
          className="icon-button pager-button"
          aria-label="Next page"
          title="Next page"
          disabled={atEnd}
          onClick={() => onGoTo(offset + limit)}
        >
          <Icon name="chevron" size={14} />
        </button>
        <button
          type="button"
          className="icon-button pager-button"
          aria-label="Last page"
          title="Last page"
          disabled={atEnd}
          onClick={() => onGoTo(info.lastOffset)}
        >
          <Icon name="last" size={14} />
        </button>
      </div>
    </div>
  );
}
