import { useStatusStore } from '../features/status/status-store';
import { Icon } from '../ui/Icon';
import { hrefOf } from './route';
import { VIEWS, type ViewDef, type ViewId } from './views';

function groupsOf(views: readonly ViewDef[]): [ViewDef['group'], ViewDef[]][] {
  const groups = new Map<ViewDef['group'], ViewDef[]>();
  for (const view of views) groups.set(view.group, [...(groups.get(view.group) ?? []), view]);
  return [...groups];
}

/** Left navigation: one link per view, grouped; the current one is marked. */
export function NavBar({ current }: { current: ViewId }) {
  const info = useStatusStore((s) => s.info);
  const pid = useStatusStore((s) => s.status?.pid);
  return (
    <nav className="app-nav" aria-label="Views">
      {groupsOf(VIEWS).map(([group, views]) => (
        <div key={group} className="nav-group">
          <div className="nav-group-label">{group}</div>
          {views.map((view) => (
            <a
              key={view.id}
              href={hrefOf(view.id as ViewId)}
              className={view.id === current ? 'nav-item active' : 'nav-item'}
              aria-current={view.id === current ? 'page' : undefined}
              title={view.label}
            >
              <Icon name={view.icon} size={15} />
              <span>{view.label}</span>
            </a>
          ))}
        </div>
      ))}
      <div className="nav-footer">
        {pid !== undefined && <div>pid {pid}</div>}
        {info && <div>node {info.versions.node}</div>}
      </div>
    </nav>
  );
}
