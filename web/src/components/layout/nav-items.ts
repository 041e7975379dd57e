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

export const navItems: NavItem[] = [{ to: '/', label: 'nav.home', exact: true }];
