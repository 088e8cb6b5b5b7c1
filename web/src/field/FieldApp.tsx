/**
 * The engineer's field app (the installable PWA): the engineer's page in a light frame of its
 * own, without the console's navigation, menus or charts, so a phone on mobile data loads only
 * what the day's work needs. Every other address belongs to the console.
 */
import { Route, Routes } from 'react-router';
import { RequireMe } from '../components/RequireMe.tsx';
import EngineerPage from '../pages/EngineerPage.tsx';
import { OtherShell, Providers } from '../providers.tsx';
import { FieldLayout } from './FieldLayout.tsx';
import './field.css';

export default function FieldApp() {
  return (
    <Providers>
      <Routes>
        <Route element={<RequireMe layout={FieldLayout} />}>
          <Route path="engineer" element={<EngineerPage />} />
        </Route>
        <Route path="*" element={<OtherShell />} />
      </Routes>
    </Providers>
  );
}
