import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A link inside the console (no page load), looking like every NL Design System link. */
export function AppLink({
  to,
  children,
  ...rest
}: {
  to: string;
  children: ReactNode;
  'aria-label'?: string;
}) {
  return (
    <Link to={to} className="utrecht-link utrecht-link--html-a" {...rest}>
      {children}
    </Link>
  );
}
