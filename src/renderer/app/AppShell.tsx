import { useConnection } from '../api/api-context';
import { PaletteHost } from '../features/palette/PaletteHost';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { NavBar } from './NavBar';
import { ReconnectBanner } from './ReconnectBanner';
import { useCurrentView } from './route';
import { RuntimeBanner } from './RuntimeBanner';
import { VIEWS } from './views';

/** Header, navigation and the current view. */
export function AppShell() {
  const current = useCurrentView();
  const connection = useConnection();
  const view = VIEWS.find((v) => v.id === current) ?? VIEWS[0];
  const View = view.Component;
  return (
    <div className="app">
      <Header />
      <ReconnectBanner status={connection} />
      <RuntimeBanner />
      <div className="app-body">
        <NavBar current={current} />
        <main className="app-main">
          <ErrorBoundary resetKey={current}>
            <View />
          </ErrorBoundary>
        </main>
      </div>
      <PaletteHost />
    </div>
  );
}
