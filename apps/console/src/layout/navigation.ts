import type { Role } from '@licences/shared-identity';
import { defineMessages } from '../i18n/i18n';

export const navMessages = defineMessages({
  nl: {
    home: 'Start',
    register: 'Nieuwe zaak',
    myCases: 'Mijn zaken',
    queues: 'Werkvoorraad',
    cases: 'Zaken zoeken',
    approvals: 'Goedkeuringen',
    oversight: 'Toezicht',
    reports: 'Rapportages',
  },
  en: {
    home: 'Start',
    register: 'New case',
    myCases: 'My cases',
    queues: 'Work queues',
    cases: 'Find cases',
    approvals: 'Approvals',
    oversight: 'Oversight',
    reports: 'Reports',
  },
});

export interface NavItem {
  readonly to: string;
  readonly label: keyof typeof navMessages.nl;
  readonly roles: readonly Role[];
}

/** The menu: each official sees what their acting role may do (the API decides the rest). */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/',
    label: 'home',
    roles: ['intake', 'assessor', 'senior-assessor', 'oversight', 'reporting', 'admin'],
  },
  { to: '/intake/new', label: 'register', roles: ['intake'] },
  { to: '/intake/cases', label: 'myCases', roles: ['intake'] },
  { to: '/queues', label: 'queues', roles: ['assessor', 'senior-assessor'] },
  { to: '/cases', label: 'cases', roles: ['intake', 'assessor', 'senior-assessor', 'oversight'] },
  { to: '/approvals', label: 'approvals', roles: ['senior-assessor', 'admin'] },
  { to: '/oversight', label: 'oversight', roles: ['oversight', 'admin'] },
  { to: '/reports', label: 'reports', roles: ['reporting', 'oversight'] },
];
