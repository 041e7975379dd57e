import type { RegisteredRouter } from '@tanstack/react-router';
import type { MessageId } from '../../i18n/messages.ts';

/**
 * Entries of the primary navigation, in order. A module adds its pages here (and its route to
 * routes/route-tree.ts); `exact` marks an entry current only on its own path, not below it.
 */
export interface NavItem {
  to: keyof RegisteredRouter['routesByPath'];
  label: MessageId;
  exact?: boolean;
}

export const navItems: NavItem[] = [
  { to: '/', label: 'nav.home', exact: true },
  { to: '/about', label: 'portal.nav.about' },
  { to: '/members', label: 'portal.nav.members' },
  { to: '/bodies', label: 'portal.nav.bodies' },
  { to: '/chairmanship', label: 'portal.nav.chairmanship' },
  { to: '/documents', label: 'documents.nav' },
  { to: '/decisions', label: 'decisions.nav' },
  { to: '/meetings', label: 'meetings.nav' },
  { to: '/exchange', label: 'exchange.nav' },
  { to: '/cbm', label: 'cbm.nav' },
  { to: '/key-concepts', label: 'glossary.nav' },
];
