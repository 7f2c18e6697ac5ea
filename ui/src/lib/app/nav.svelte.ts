// Which page is open. A handful of pages, so plain rune state instead of a router.
export type Route =
  | { view: 'dashboard' }
  | { view: 'project'; id: number }
  | { view: 'client'; id: number; from: Route }
  | { view: 'provider'; from: Route }
  | { view: 'search'; query: string }
  | { view: 'backups'; from: Route }
  | { view: 'settings'; from: Route };

class Nav {
  route = $state<Route>({ view: 'dashboard' });
  openProject = (id: number) => (this.route = { view: 'project', id });
  openClient = (id: number) => (this.route = { view: 'client', id, from: this.route });
  openProvider = () => {
    if (this.route.view !== 'provider') this.route = { view: 'provider', from: this.route };
  };
  openBackups = () => {
    if (this.route.view !== 'backups') this.route = { view: 'backups', from: this.route };
  };
  openSettings = () => {
    if (this.route.view !== 'settings') this.route = { view: 'settings', from: this.route };
  };
  search = (query: string) => (this.route = { view: 'search', query });
  home = () => (this.route = { view: 'dashboard' });
  back = () => {
    const r = this.route;
    this.route =
      r.view === 'client' || r.view === 'provider' || r.view === 'backups' || r.view === 'settings'
        ? r.from
        : { view: 'dashboard' };
  };
}

export const nav = new Nav();
