// Which page is open. Two pages, so plain rune state instead of a router.
export type Route = { view: 'dashboard' } | { view: 'project'; id: number };

class Nav {
  route = $state<Route>({ view: 'dashboard' });
  openProject = (id: number) => (this.route = { view: 'project', id });
  home = () => (this.route = { view: 'dashboard' });
}

export const nav = new Nav();
