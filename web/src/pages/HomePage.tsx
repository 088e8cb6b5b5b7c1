/** Start page: goes to the first page the person's roles open, so each role lands on its own work. */
import { Navigate } from 'react-router';
import { navFor } from '../nav.ts';
import { useMe } from '../session.ts';

/** Redirects to the first navigation entry. */
export default function HomePage() {
  const me = useMe();
  if (!me.data) return null;
  const first = navFor(me.data)[0];
  return <Navigate to={first?.path ?? '/account/password'} replace />;
}
